import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import ConnectionsScreen from '$renderer/components/connections/connections-screen.svelte'
import {
  cleanUp,
  mountComponent,
  openTestSite,
  seriousAxeProblems,
  textOf
} from '../../support/screen-helpers'
import { keepOpenBody, summaryOf } from '$test/shared/support/outbox-fixtures'
import { until } from '../../support/until'
import { screenProps } from '../../support/screen-props.svelte'
import { dueIn, practiceChurch, teamMembersOf } from '../../support/practice-church'
import { openConnection, person } from '$test/shared/support/lookup-builders'

const EXTRA = 2000
const GIVEN = ['Abel', 'Beth', 'Cyrus', 'Dinah', 'Ezra', 'Faith', 'Gideon', 'Hope']

afterEach(async () => {
  await cleanUp()
  window.scrollTo(0, 0)
})

/** The practice church and 2,000 more open connections, all dated, so Priya Raman's undated one is last. */
function bigParish() {
  const data = practiceChurch()
  for (let index = 0; index < EXTRA; index++) {
    const indvId = 1000 + index
    data.people.push(person(indvId, GIVEN[index % GIVEN.length]!, `Member${index}`))
    const contact = person(indvId, GIVEN[index % GIVEN.length]!, `Member${index}`)
    data.connections.push(
      openConnection(5000 + index, {
        contact,
        teamMembers: teamMembersOf(1 + (index % 3)),
        dueDate: dueIn(10 + (index % 20))
      })
    )
  }
  return data
}

function dataRows(container: HTMLElement): HTMLTableRowElement[] {
  return [...container.querySelectorAll<HTMLTableRowElement>('tbody tr[aria-rowindex]')]
}

describe('connections screen with a long list', () => {
  it('windows the rows while filters, search, the keyboard and unsent marks work on all of them', async () => {
    const data = bigParish()
    // Ruth Mensah is on the care team: her filter finds its connections.
    const careTeam = data.connections.filter(
      (connection) =>
        !connection.completed && connection.teamMembers.some((member) => member.id === 13)
    ).length
    const { site } = await openTestSite(data)
    await site.outbox.capture(
      keepOpenBody(108, 'Left a voicemail'),
      summaryOf('Priya Raman'),
      'clerk'
    )
    await site.outbox.capture(
      keepOpenBody(108, 'Spoke with her'),
      summaryOf('Priya Raman'),
      'clerk'
    )
    const selection = screenProps(site)
    const container = mountComponent(ConnectionsScreen, selection)
    await until(() => dataRows(container).length > 0, 'the list')
    expect(textOf(container)).toContain(`${EXTRA + 10} open`)
    expect(dataRows(container).length).toBeLessThan(100)
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe(String(EXTRA + 11))

    await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
    await userEvent.keyboard('{ArrowDown}{End}')
    expect(textOf(document.activeElement!.closest('td')!)).toBe('Priya Raman 2 unsent results')
    expect(selection.selectedId).toBe(108)

    const callers = page.getByRole('combobox', { name: 'Assigned person' })
    await userEvent.click(callers)
    await userEvent.selectOptions(callers, 'Ruth Mensah')
    await until(() => textOf(container).includes(`${careTeam} of 2010 shown`), 'the filter')
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe(
      String(careTeam + 1)
    )
    expect(dataRows(container).length).toBeLessThan(100)
    await userEvent.click(page.getByRole('button', { name: 'Clear filters' }).first())
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search contact' }), 'raman')
    await until(() => dataRows(container).length === 1, 'one row')
    expect(container.querySelector('tr[aria-hidden="true"]')).toBeNull()
    expect(textOf(dataRows(container)[0]!.querySelector('td')!)).toBe(
      'Priya Raman 2 unsent results'
    )
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})
