import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import type { SiteStates } from '$renderer/state/site-states'
import { formCallbacks, rowOf } from '../../support/mount-form'
import {
  cleanUp,
  mountComponent,
  openTestSite,
  seriousAxeProblems
} from '../../support/screen-helpers'

afterEach(cleanUp)
beforeEach(async () => {
  await page.viewport(1280, 800)
})

// The README's pictures come from `npm run screens`; a test run keeps its own beside the
// other test output, so that running the tests never changes tracked files.
const SCREENS = '../../../../test-results/screens'

function mountResultForm(site: SiteStates, connectionId: number): HTMLElement {
  const calls = formCallbacks()
  const container = mountComponent(ResultForm, {
    site,
    connection: rowOf(site, connectionId),
    capturedBy: 'clerk',
    account: site.reference.account,
    onsaved: calls.onsaved,
    oncancel: calls.oncancel
  })
  container.style.padding = '16px 24px'
  return container
}

function mountNewConnectionForm(site: SiteStates): HTMLElement {
  const calls = formCallbacks()
  const container = mountComponent(NewConnectionForm, {
    site,
    capturedBy: 'clerk',
    account: site.reference.account,
    onsaved: calls.onsaved,
    oncancel: calls.oncancel
  })
  container.style.padding = '16px 24px'
  return container
}

describe('result form screens', () => {
  it('a filled-in reassignment: no serious accessibility problem, pictured', async () => {
    const { site } = await openTestSite()
    const container = mountResultForm(site, 102)
    await userEvent.fill(page.getByRole('textbox', { name: 'Date' }), '03/16/2025')
    await userEvent.click(page.getByRole('checkbox', { name: 'Visited in hospital' }))
    await userEvent.click(page.getByRole('checkbox', { name: 'Prayed together' }))
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Comment' }),
      'Visited Peggy on Sunday afternoon; she is recovering well and asked the care team to call on Daniel too.'
    )
    await userEvent.click(page.getByRole('radio', { name: /^Reassign/ }))
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Team' }), 'Care team')
    await userEvent.click(page.getByRole('textbox', { name: 'Comment' }))

    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/result-form.png` })
  })

  it('with errors shown and with the leave-without-saving question: no serious problem', async () => {
    const { site } = await openTestSite()
    const container = mountResultForm(site, 101)
    await userEvent.fill(page.getByRole('textbox', { name: 'Date' }), '13/01/2025')
    await userEvent.click(page.getByRole('radio', { name: /^Reassign/ }))
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }))
    await expect.element(page.getByRole('alert')).toMatchTextContent(/Not saved/)
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.keyboard('{Escape}')
    await expect.element(page.getByRole('alertdialog')).toBeVisible()
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})

describe('new connection form screens', () => {
  it('a new family connection being assigned: no serious problem, pictured', async () => {
    const { site } = await openTestSite()
    const container = mountNewConnectionForm(site)
    await userEvent.keyboard('ortiz sam')
    await userEvent.keyboard('{Enter}')
    await userEvent.click(page.getByRole('radio', { name: /^Family/ }))
    await userEvent.selectOptions(
      page.getByRole('combobox', { name: 'Connection type' }),
      'Membership class'
    )
    await userEvent.fill(page.getByRole('textbox', { name: 'Date' }), '03/16/2025')
    await userEvent.click(page.getByRole('checkbox', { name: 'Signed up for class' }))
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Comment' }),
      'Samuel and Lucia signed up at the welcome table for the April membership class.'
    )
    await userEvent.click(page.getByRole('combobox', { name: 'Person' }))
    await userEvent.keyboard('est')
    await expect
      .element(page.getByRole('combobox', { name: 'Person' }))
      .toHaveAttribute('aria-expanded', 'true')

    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/new-connection-form.png` })
  })

  it('with every missing choice reported: no serious problem', async () => {
    const { site } = await openTestSite()
    const container = mountNewConnectionForm(site)
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }))
    await expect.element(page.getByRole('alert')).toMatchTextContent(/Not saved/)
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})
