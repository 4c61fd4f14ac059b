import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import ConnectionsScreen from '$renderer/components/connections/connections-screen.svelte'
import { openSiteStates, type SiteStates } from '$renderer/state/site-states'
import { FakeDesk } from '../../support/fake-desk'
import { deleteDatabase, uniqueSiteKey } from '../../support/test-databases'
import {
  cleanUp,
  mountComponent,
  onCleanUp,
  openTestSite,
  seriousAxeProblems,
  testRegistry,
  textOf
} from '../../support/screen-helpers'
import { screenProps } from '../../support/screen-props.svelte'
import { practiceChurch } from '../../support/practice-church'

afterEach(cleanUp)

// What the first screen does before the clerk asks for more: it must stay quick with
// thousands of assignees, and say what it is doing while the saved copy is read.

function mountScreen(site: SiteStates): HTMLElement {
  return mountComponent(ConnectionsScreen, screenProps(site))
}

function callerSelect(container: HTMLElement): HTMLSelectElement {
  const select = page.getByRole('combobox', { name: 'Assigned person' }).element()
  expect(container.contains(select)).toBe(true)
  return select as HTMLSelectElement
}

function labelsOf(select: HTMLSelectElement): string[] {
  return [...select.options].map((option) => option.label)
}

function contacts(container: HTMLElement): string[] {
  return [...container.querySelectorAll('tbody tr td:first-child button')].map(textOf)
}

/** From the search box, Tab past Type: the keyboard way to the assignee filter. */
async function tabToCallerFilter(container: HTMLElement): Promise<void> {
  await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
  await userEvent.tab()
  await userEvent.tab()
  expect(document.activeElement).toBe(callerSelect(container))
}

/** Everyone assigned to an open connection, alone or as a member of the team assigned. */
const EVERYONE_ASSIGNED = [
  'Anyone',
  'Carl Young',
  'David Kim',
  'Esther Bailey',
  'Pastor Williams',
  'Priya Raman',
  'Ruth Mensah',
  'Zoë Adams'
]

describe('the assigned-person filter', () => {
  it('offers only “Anyone” until the clerk goes to it, then everyone, and filters by the choice', async () => {
    const { site } = await openTestSite()
    const container = mountScreen(site)
    const select = callerSelect(container)
    expect(labelsOf(select)).toEqual(['Anyone'])
    expect(select.value).toBe('')

    await tabToCallerFilter(container)
    await expect.poll(() => labelsOf(select)).toEqual(EVERYONE_ASSIGNED)

    await userEvent.selectOptions(select, 'Pastor Williams')
    expect(site.connections.filters.callerIndvId).toBe(14)
    await expect.poll(() => contacts(container)).toEqual(['Tomás Herrera', 'Priya Raman'])
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('shows the person it already holds while short, keeps them once full, and stays full', async () => {
    const { site } = await openTestSite()
    site.connections.setCallerFilter(14)
    const container = mountScreen(site)
    const select = callerSelect(container)
    expect(labelsOf(select)).toEqual(['Anyone', 'Pastor Williams'])
    expect(select.value).toBe('14')
    expect(contacts(container)).toEqual(['Tomás Herrera', 'Priya Raman'])

    await tabToCallerFilter(container)
    await expect.poll(() => labelsOf(select)).toEqual(EVERYONE_ASSIGNED)
    expect(select.value).toBe('14')
    expect(select.selectedOptions[0]?.label).toBe('Pastor Williams')

    await userEvent.click(page.getByRole('button', { name: 'Clear filters' }))
    await expect.poll(() => select.value).toBe('')
    expect(labelsOf(select)).toEqual(EVERYONE_ASSIGNED)
  })
})

describe('before the saved connections are read', () => {
  it('says they are being read, politely, and only then that there is no data', async () => {
    const registry = testRegistry()
    const site = await openSiteStates(new FakeDesk(practiceChurch()), uniqueSiteKey(), registry)
    onCleanUp(async () => {
      site.close()
      await deleteDatabase(site.database)
    })
    const container = mountScreen(site)
    const status = page.getByRole('status')
    await expect.element(status).toHaveTextContent('Reading the saved connections…')
    expect(container.contains(status.element())).toBe(true)
    expect(textOf(container)).not.toContain('No reference data')
    expect(await seriousAxeProblems(container)).toEqual([])

    await site.reference.load()
    await expect
      .element(status)
      .toHaveTextContent('No reference data on this computer yet. Use “Refresh data” when online.')
    expect(textOf(container)).not.toContain('Reading the saved connections')
  })
})
