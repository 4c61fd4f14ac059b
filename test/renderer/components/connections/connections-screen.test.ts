import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import ConnectionsScreen from '$renderer/components/connections/connections-screen.svelte'
import type { SiteStates } from '$renderer/state/site-states'
import { SiteUnreachableError } from '$shared/errors'
import type { FakeDesk } from '../../support/fake-desk'
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
import { MARKUP, dueIn, practiceChurch } from '../../support/practice-church'
import { openConnection, person } from '$test/shared/support/lookup-builders'

afterEach(cleanUp)

async function showList(site?: { site: SiteStates; desk: FakeDesk }) {
  const opened = site ?? (await openTestSite())
  const selection = screenProps(opened.site)
  const container = mountComponent(ConnectionsScreen, selection)
  return { ...opened, selection, container }
}

function contacts(container: HTMLElement): string[] {
  return [...container.querySelectorAll('tbody tr td:first-child button')].map(textOf)
}

function sortOf(container: HTMLElement): Array<[string, string]> {
  return [...container.querySelectorAll('th[aria-sort]')].map((header) => [
    textOf(header).replace(/[▲▼]/g, '').trim(),
    header.getAttribute('aria-sort') ?? ''
  ])
}

const BY_DUE_DATE = [
  'Ann Lee',
  'Bob Stone',
  'Peggy Okafor',
  'Grace Nguyen',
  'Ruth Mensah',
  'Tomás Herrera',
  'Samuel Ortiz',
  'Esther Bailey',
  'David Kim',
  'Priya Raman'
]

describe('connections list', () => {
  it('shows the open connections by due date, marks the overdue ones, and passes axe', async () => {
    const { container } = await showList()
    expect(contacts(container)).toEqual(BY_DUE_DATE)
    expect(sortOf(container)).toEqual([['Due', 'ascending']])
    const overdue = [...container.querySelectorAll('tr.overdue td:first-child button')].map(textOf)
    expect(overdue).toEqual(['Ann Lee', 'Bob Stone'])
    const peggy = page.getByRole('row', { name: /Peggy Okafor/ }).element()
    expect([...peggy.querySelectorAll('td')].map(textOf)).toEqual([
      'Peggy Okafor',
      'Hospital visit',
      'Carl Young',
      dueIn(1),
      'Surgery went well; family would welcome a visit on Thursday.'
    ])
    const ann = page.getByRole('row', { name: /Ann Lee/ }).element()
    expect(textOf(ann.querySelector('td.due')!)).toBe(`${dueIn(-3)} Overdue`)
    expect(textOf(container)).toContain('10 open')
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('groups the open assignments by type with colour and earliest due date; a type filters the list', async () => {
    const { container } = await showList()
    const groups = page.getByRole('group', { name: 'Open assignments by type' }).getByRole('button')
    expect(groups.elements().map(textOf)).toEqual([
      'All types 10',
      `First-time guest 4 earliest due ${dueIn(-3)} (overdue)`,
      `Hospital visit 2 earliest due ${dueIn(1)}`,
      `Membership class 2 earliest due ${dueIn(6)}`,
      `Prayer request 2 earliest due ${dueIn(2)}`
    ])
    const guestSwatch = groups.nth(1).element().querySelector<HTMLElement>('.swatch')!
    expect(getComputedStyle(guestSwatch).backgroundColor).toBe('rgb(46, 125, 50)')

    await userEvent.click(groups.nth(2))
    expect(contacts(container)).toEqual(['Peggy Okafor', 'Esther Bailey'])
    expect(page.getByRole('combobox', { name: 'Type', exact: true }).element()).toHaveProperty(
      'value',
      '2'
    )
    expect(textOf(container)).toContain('2 of 10 shown')
    expect(groups.nth(2).element().getAttribute('aria-pressed')).toBe('true')
    const row = page.getByRole('row', { name: /Peggy Okafor/ }).element()
    expect(row.querySelector('.swatch')).not.toBeNull()
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.click(groups.nth(0))
    expect(contacts(container)).toEqual(BY_DUE_DATE)
  })

  it('starts with the keyboard in the search box, and puts it back there after a refresh', async () => {
    const { site } = await showList()
    const search = page.getByRole('searchbox', { name: 'Search contact' }).element()
    expect(document.activeElement).toBe(search)

    await userEvent.click(page.getByRole('button', { name: 'Refresh data' }))
    await until(() => !site.reference.refreshing, 'the refresh to end')
    await until(() => document.activeElement === search, 'the search box to have the keyboard')
  })

  it('sorts by a column’s header button, and reverses on a second press', async () => {
    const { container } = await showList()
    await userEvent.click(page.getByRole('button', { name: 'Contact' }))
    expect(sortOf(container)).toEqual([['Contact', 'ascending']])
    expect(contacts(container).slice(0, 3)).toEqual(['Ann Lee', 'Bob Stone', 'David Kim'])
    await userEvent.click(page.getByRole('button', { name: 'Contact' }))
    expect(sortOf(container)).toEqual([['Contact', 'descending']])
    expect(contacts(container).slice(0, 3)).toEqual([
      'Tomás Herrera',
      'Samuel Ortiz',
      'Ruth Mensah'
    ])
    await userEvent.click(page.getByRole('button', { name: 'Type' }))
    expect(sortOf(container)).toEqual([['Type', 'ascending']])
    expect(contacts(container).slice(0, 4)).toEqual([
      'Ann Lee',
      'Bob Stone',
      'David Kim',
      'Tomás Herrera'
    ])
  })

  it('filters by type, assigned person (alone or on a team) and overdue, and searches by contact name', async () => {
    const { container } = await showList()
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Type' }), 'Hospital visit')
    expect(contacts(container)).toEqual(['Peggy Okafor', 'Esther Bailey'])
    expect(textOf(container)).toContain('2 of 10 shown')

    await userEvent.click(page.getByRole('button', { name: 'Clear filters' }).first())
    // Going to the filter first, as a clerk does: it offers everyone only from then on, and
    // selectOptions alone sends the select no focus or pointer event.
    const callers = page.getByRole('combobox', { name: 'Assigned person' })
    await userEvent.click(callers)
    await userEvent.selectOptions(callers, 'Pastor Williams')
    expect(contacts(container)).toEqual(['Tomás Herrera', 'Priya Raman'])
    // A member of the team a connection is assigned to finds it too.
    await userEvent.selectOptions(callers, 'Priya Raman')
    expect(contacts(container)).toEqual(['Grace Nguyen', 'Ruth Mensah'])
    expect(page.getByRole('combobox', { name: 'Team' }).elements()).toEqual([])

    await userEvent.click(page.getByRole('button', { name: 'Clear filters' }).first())
    await userEvent.click(page.getByRole('checkbox', { name: 'Overdue only' }))
    expect(contacts(container)).toEqual(['Ann Lee', 'Bob Stone'])

    await userEvent.click(page.getByRole('button', { name: 'Clear filters' }).first())
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search contact' }), 'okaf')
    expect(contacts(container)).toEqual(['Peggy Okafor'])
    await userEvent.fill(page.getByRole('searchbox', { name: 'Search contact' }), 'nobody')
    expect(contacts(container)).toEqual([])
    expect(textOf(container)).toContain('No connection matches these filters.')
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('marks connections whose results still wait in the outbox', async () => {
    const { site, container } = await showList()
    expect(container.querySelector('.unsent')).toBeNull()
    await site.outbox.capture(
      keepOpenBody(103, 'Left a voicemail'),
      summaryOf('Samuel Ortiz'),
      'clerk'
    )
    await site.outbox.capture(
      keepOpenBody(103, 'Spoke with him'),
      summaryOf('Samuel Ortiz'),
      'clerk'
    )
    await until(() => container.querySelector('.unsent') !== null, 'the marker')
    const marked = [...container.querySelectorAll('tr')].filter((row) =>
      row.querySelector('.unsent')
    )
    expect(marked.map((row) => textOf(row.querySelector('td')!))).toEqual([
      'Samuel Ortiz 2 unsent results'
    ])
  })

  it('moves the selection with the arrow keys and j/k, and opens the selected row with Enter', async () => {
    const { container, selection } = await showList()
    await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
    await userEvent.keyboard('{ArrowDown}')
    expect(textOf(document.activeElement!)).toBe('Ann Lee')
    await userEvent.keyboard('jj{ArrowDown}')
    expect(textOf(document.activeElement!)).toBe('Grace Nguyen')
    expect(selection.selectedId).toBe(105)
    await userEvent.keyboard('k')
    expect(textOf(document.activeElement!)).toBe('Peggy Okafor')
    expect(container.querySelector('tr[aria-current="true"]')?.textContent).toContain(
      'Peggy Okafor'
    )
    await userEvent.keyboard('{End}')
    expect(textOf(document.activeElement!)).toBe('Priya Raman')
    await userEvent.keyboard('{Home}')
    expect(textOf(document.activeElement!)).toBe('Ann Lee')
    await userEvent.keyboard('j{Enter}')
    expect(selection.opened).toEqual([104])
    // One row in the tab order: Tab leaves the list.
    expect(container.querySelectorAll('tbody button[tabindex="0"]')).toHaveLength(1)
  })

  it('refreshes the data on request, showing what is being downloaded, and names a failed part', async () => {
    const { site, desk, container } = await showList()
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    const people = desk.people.search
    desk.people.search = async (request) => {
      await gate
      return people(request)
    }
    desk.data.skipped = { people: 2, teams: 1 }
    desk.failures.set('teams', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the connection.')
    })
    await userEvent.click(page.getByRole('button', { name: 'Refresh data' }))
    await expect.element(page.getByRole('button', { name: 'Refreshing data…' })).toBeDisabled()
    await until(() => site.reference.progress?.phase === 'people', 'the people download to start')
    await expect
      .element(page.getByRole('progressbar', { name: /Downloading people directory/ }))
      .toBeVisible()

    release()
    await expect.element(page.getByRole('button', { name: 'Refresh data' })).toBeEnabled()
    expect(textOf(container)).toContain(
      'The teams could not be refreshed: Access ACS could not be reached; check the connection. The copy saved earlier is still used.'
    )
    // The sync summary: what the site sent that could not be read was left out, and counted.
    expect(textOf(container)).toContain(
      '2 items Access ACS sent could not be read and were left out (people directory: 2).'
    )
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('shows names and comments from the site as text, never as markup', async () => {
    const data = practiceChurch()
    const markup = person(50, MARKUP, 'Doe')
    data.people.push(markup)
    data.connections.push(
      openConnection(150, { contact: markup, teamMembers: [markup], dueDate: '', comment: MARKUP })
    )
    const { container } = await showList(await openTestSite(data))
    expect(textOf(container)).toContain(`${MARKUP} Doe`)
    const comments = [...container.querySelectorAll('td.comment')].map(textOf)
    expect(comments).toContain(MARKUP)
    expect(container.querySelector('img')).toBeNull()
  })
})
