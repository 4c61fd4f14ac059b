import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import { SiteUnreachableError } from '$shared/errors'
import { cleanUp, seriousAxeProblems } from '../../support/screen-helpers'
import { until } from '../../support/until'
import { launchApp, startPractice } from '../../support/mount-app'

afterEach(cleanUp)

const forms = { ResultForm, NewConnectionForm }
const personBox = () => page.getByRole('combobox', { name: 'Person' })
const connectionsOf = (name: string) => page.getByRole('list', { name: `Connections of ${name}` })

/** Signed in, on "Find a person" (Alt+5) with the directory read, the keyboard in its box. */
async function findAPerson() {
  const launched = await launchApp({ forms })
  await startPractice(launched.app)
  await until(() => !launched.app.site?.reference.directoryLoading, 'the directory to be read')
  await userEvent.keyboard('{Alt>}5{/Alt}')
  await expect.element(page.getByRole('heading', { name: 'Find a person' })).toBeVisible()
  await until(() => document.activeElement === personBox().element(), 'focus in the person box')
  return launched
}

/** Types a (misspelt) name and chooses the first match with the keyboard. */
async function choose(typed: string): Promise<void> {
  await userEvent.keyboard(typed)
  await expect.element(page.getByRole('option').first()).toBeVisible()
  await userEvent.keyboard('{ArrowDown}{Enter}')
}

describe('find a person', () => {
  it('opens a volunteer’s connections, also those not assigned to the clerk, and takes a result by keyboard', async () => {
    const { app, desk, container } = await findAPerson()
    await choose('Ester Baily')

    // Esther Bailey is on team 1 (101, 104, 109) and the contact of 107.
    const list = connectionsOf('Esther Bailey')
    await expect.element(list).toBeVisible()
    expect(
      list
        .getByRole('button')
        .elements()
        .map((button) => button.dataset.id)
    ).toEqual(expect.arrayContaining(['101', '104', '107', '109']))
    expect(desk.lookupCalls.some((call) => call.name === 'personConnections')).toBe(true)
    expect(await seriousAxeProblems(container)).toEqual([])

    // The keyboard is on the first connection; ↓ moves, Enter opens the result form.
    await until(() => document.activeElement?.closest('ul') === list.element(), 'focus in the list')
    await userEvent.keyboard('{ArrowDown}')
    const opened = Number((document.activeElement as HTMLElement).dataset.id)
    await userEvent.keyboard('{Enter}')
    await expect.element(page.getByRole('region', { name: /^Result for / })).toBeVisible()
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    await userEvent.keyboard('{Control>}{Enter}{/Control}')

    // Back on the person's connections, the keyboard on the one just done, marked unsent.
    await expect.element(list).toBeVisible()
    expect(app.site?.outbox.unsentCountFor(opened)).toBe(1)
    await until(
      () => (document.activeElement as HTMLElement | null)?.dataset.id === String(opened),
      'focus back on the connection just done'
    )
    await expect
      .element(list.getByRole('listitem').filter({ hasText: '1 unsent result' }))
      .toBeVisible()
  })

  it('adds a new connection for the person found, the contact already chosen', async () => {
    const { app } = await findAPerson()
    await choose('Ruth')
    await expect.element(connectionsOf('Ruth Mensah')).toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'New connection for Ruth Mensah' }))
    const form = page.getByRole('region', { name: 'New connection for Ruth Mensah' })
    await expect.element(form).toBeVisible()
    await expect.element(form.getByText('Ruth Mensah', { exact: true })).toBeVisible()
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Connection type' }), '1')
    await userEvent.click(form.getByRole('radio', { name: /^A team/ }))
    await userEvent.selectOptions(form.getByRole('combobox', { name: 'Team' }), '1')
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    await until(() => (app.site?.outbox.count ?? 0) === 1, 'the new connection to be saved')
    expect(app.site?.outbox.items[0]?.body.ContactIndvId).toBe(13)
    await expect.element(connectionsOf('Ruth Mensah')).toBeVisible()
  })

  it('offline, shows connections fetched before, and says plainly of a person never fetched', async () => {
    const { desk } = await findAPerson()
    await choose('Ann Lee')
    await expect.element(connectionsOf('Ann Lee')).toBeVisible()

    desk.failures.set('personConnections', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the connection.')
    })
    await userEvent.click(page.getByRole('button', { name: /^Change/ }))
    await choose('Ann Lee')
    await expect
      .element(page.getByRole('status').filter({ hasText: 'cannot be reached' }))
      .toMatchTextContent(/their connections as fetched /)
    await expect.element(connectionsOf('Ann Lee').getByRole('button')).toBeVisible()

    await userEvent.click(page.getByRole('button', { name: /^Change/ }))
    await choose('Grace Ngyuen')
    await expect
      .element(page.getByRole('alert'))
      .toHaveTextContent(
        'Grace Nguyen’s connections were never fetched on this computer, and Access ACS cannot be reached now. Find Grace Nguyen again when the connection is back.'
      )
    expect(connectionsOf('Grace Nguyen').query()).toBeNull()
  })
})
