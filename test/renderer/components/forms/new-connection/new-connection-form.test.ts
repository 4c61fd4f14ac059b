import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import {
  CHOOSE_CONTACT,
  CHOOSE_TYPE
} from '$renderer/components/forms/new-connection/new-connection-form-state.svelte'
import { connectionDateOf } from '$shared/change-request'
import type { SiteStates } from '$renderer/state/site-states'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { newConnectionBody } from '$test/shared/support/outbox-fixtures'
import { formCallbacks } from '$test/renderer/support/mount-form'
import { cleanUp, mountComponent, openTestSite } from '$test/renderer/support/screen-helpers'

afterEach(cleanUp)

const contactSearch = () => page.getByRole('combobox', { name: 'Contact' })
const typeSelect = () => page.getByRole('combobox', { name: 'Connection type' })
const saveButton = () => page.getByRole('button', { name: 'Save', exact: true })

async function openForm(options: { site?: SiteStates; editing?: OutboxItem } = {}) {
  const site = options.site ?? (await openTestSite()).site
  const calls = formCallbacks()
  const container = mountComponent(NewConnectionForm, {
    site,
    capturedBy: 'clerk',
    account: site.reference.account,
    ...(options.editing ? { editing: options.editing } : {}),
    onsaved: calls.onsaved,
    oncancel: calls.oncancel
  })
  return { site, calls, container }
}

describe('new connection form', () => {
  it('adds a family connection assigned to a team, with all twelve fields', async () => {
    const { site, calls } = await openForm()
    await expect.element(contactSearch()).toHaveFocus()
    await userEvent.keyboard('Okafor')
    await userEvent.click(page.getByRole('option', { name: /Peggy Okafor/ }))
    await expect
      .element(page.getByRole('group', { name: 'Contact' }))
      .toMatchTextContent(/Peggy Okafor\s*\(Margaret\)/)
    await userEvent.click(page.getByRole('radio', { name: /^Family/ }))
    await userEvent.selectOptions(typeSelect(), 'Hospital visit')
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Team' }), 'Care team')
    await userEvent.fill(page.getByRole('textbox', { name: 'Date' }), '03/16/2025')
    await userEvent.click(page.getByRole('checkbox', { name: 'Prayed together' }))
    await userEvent.fill(
      page.getByRole('textbox', { name: 'Comment' }),
      'Daniel asked for a visit after the surgery'
    )
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item, next } = await saved

    expect(next).toBe(false)
    const stored = await site.repository.get(item.id)
    expect(stored?.body).toEqual({
      ConnectionId: -1,
      Complete: false,
      ConnectionDate: '03/16/2025',
      ConnectionTypeId: 2,
      FamilyConnection: true,
      ContactIndvId: 5,
      OpenCategoryId: 1,
      Reassign: false,
      NewCallerIndvId: -1,
      NewTeamId: 2,
      Comment: 'Daniel asked for a visit after the surgery',
      ResponseIdList: [22]
    })
    expect(stored?.summary).toEqual({
      operation: 'new',
      contactName: 'Peggy Okafor',
      connectionTypeName: 'Hospital visit',
      assigneeName: 'Team: Care team'
    })
    expect(stored?.connectionId).toBe(-1)
  })

  it('adds an individual connection, already completed, made by a person', async () => {
    const { site, calls } = await openForm()
    await userEvent.keyboard('zoe')
    await userEvent.keyboard('{Enter}')
    await userEvent.selectOptions(typeSelect(), 'First-time guest')
    await userEvent.click(page.getByRole('combobox', { name: 'Person' }))
    await userEvent.keyboard('Grace')
    await userEvent.keyboard('{Enter}')
    await userEvent.click(page.getByRole('checkbox', { name: /^Already completed/ }))
    const saved = calls.saved()
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    const { item } = await saved

    const stored = await site.repository.get(item.id)
    expect(stored?.body).toMatchObject({
      ConnectionId: -1,
      Complete: true,
      FamilyConnection: false,
      ContactIndvId: 3,
      ConnectionTypeId: 1,
      NewCallerIndvId: 6,
      NewTeamId: -1,
      ConnectionDate: connectionDateOf(new Date()),
      Comment: '',
      ResponseIdList: [-1]
    })
    expect(stored?.summary.assigneeName).toBe('Person: Grace Nguyen')
  })

  it('names what is missing beside each field and saves nothing', async () => {
    const { site, calls, container } = await openForm()
    await userEvent.keyboard('{Control>}{Enter}{/Control}')

    const alert = page.getByRole('alert')
    await expect.element(alert).toMatchTextContent(`Contact: ${CHOOSE_CONTACT}`)
    await expect.element(alert).toMatchTextContent(`Connection type: ${CHOOSE_TYPE}`)
    await expect
      .element(alert)
      .toMatchTextContent('A new connection needs a person or a team to make the contact')
    for (const [control, message] of [
      [contactSearch(), CHOOSE_CONTACT],
      [typeSelect(), CHOOSE_TYPE],
      [page.getByRole('combobox', { name: 'Person' }), 'needs a person or a team']
    ] as const) {
      await expect.element(control).toHaveAttribute('aria-invalid', 'true')
      const errorId = control
        .element()
        .getAttribute('aria-describedby')
        ?.split(' ')
        .find((id) => id.endsWith('-error'))
      expect(container.querySelector(`[id="${errorId}"]`)?.textContent).toContain(message)
    }
    await expect.element(contactSearch()).toHaveFocus()
    expect(await site.repository.listAll()).toEqual([])
    expect(calls.events).toEqual([])
  })

  it('offers only active types, and drops responses of a type no longer chosen', async () => {
    const { site, calls } = await openForm()
    const typeNames = [...(typeSelect().element() as HTMLSelectElement).options].map((option) =>
      option.textContent?.trim()
    )
    expect(typeNames).toEqual([
      'Choose a type',
      'First-time guest',
      'Hospital visit',
      'Membership class',
      'Prayer request'
    ])
    await expect
      .element(page.getByText('Choose a connection type to see its responses.'))
      .toBeVisible()

    await userEvent.keyboard('Ann')
    await userEvent.keyboard('{Enter}')
    await userEvent.selectOptions(typeSelect(), 'First-time guest')
    await userEvent.click(page.getByRole('checkbox', { name: 'Spoke with them' }))
    await userEvent.selectOptions(typeSelect(), 'Membership class')
    await expect.element(page.getByRole('checkbox', { name: 'Signed up for class' })).toBeVisible()
    await expect
      .element(page.getByRole('checkbox', { name: 'Spoke with them' }))
      .not.toBeInTheDocument()
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Team' }), 'Greeters')
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved
    expect((await site.repository.get(item.id))?.body).toMatchObject({
      ConnectionTypeId: 3,
      ResponseIdList: [-1]
    })
  })

  it('edits an unsent new connection in place, starting from what was saved', async () => {
    const { site } = await openTestSite()
    const captured = await site.outbox.capture(
      newConnectionBody(undefined, { contactIndvId: 1 }),
      {
        operation: 'new',
        contactName: 'Ann Lee',
        connectionTypeName: 'First-time guest',
        assigneeName: 'Team: Greeters'
      },
      'clerk'
    )
    const { calls } = await openForm({ site, editing: captured })
    await expect.element(page.getByRole('group', { name: 'Contact' })).toMatchTextContent(/Ann Lee/)
    await expect.element(typeSelect()).toHaveValue('1')
    await expect.element(page.getByRole('combobox', { name: 'Team' })).toHaveValue('1')
    await expect.element(page.getByRole('textbox', { name: 'Comment' })).toHaveValue('First visit')

    await userEvent.click(page.getByRole('button', { name: 'Change contact' }))
    await expect.element(contactSearch()).toHaveFocus()
    await userEvent.keyboard('Carl')
    await userEvent.keyboard('{Enter}')
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved

    expect(item.id).toBe(captured.id)
    const all = await site.repository.listAll()
    expect(all).toHaveLength(1)
    expect(all[0]?.state).toBe('queued')
    expect(all[0]?.body).toMatchObject({ ContactIndvId: 4, NewTeamId: 1, Comment: 'First visit' })
    expect(all[0]?.summary.contactName).toBe('Carl Young')
  })

  it('after "Save and next" starts empty again but for the date, focus in the contact', async () => {
    const { calls } = await openForm()
    await userEvent.fill(page.getByRole('textbox', { name: 'Date' }), '03/09/2025')
    await userEvent.click(contactSearch())
    await userEvent.keyboard('Henry')
    await userEvent.keyboard('{Enter}')
    await userEvent.selectOptions(typeSelect(), 'First-time guest')
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Team' }), 'Greeters')
    const saved = calls.saved()
    await userEvent.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}')
    const { item, next } = await saved
    expect(next).toBe(true)
    expect(item.summary.contactName).toBe("Henry O'Brien")
    await expect.element(contactSearch()).toHaveFocus()
    await expect.element(typeSelect()).toHaveValue('')
    await expect.element(page.getByRole('textbox', { name: 'Date' })).toHaveValue('03/09/2025')
    await expect
      .element(page.getByRole('status').first())
      .toMatchTextContent(/Saved: new connection/)
  })
})
