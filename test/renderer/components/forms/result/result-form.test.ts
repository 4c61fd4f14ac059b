import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import { connectionDateOf } from '$shared/change-request'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { keepOpenBody } from '$test/shared/support/outbox-fixtures'
import {
  formCallbacks,
  openResultForm,
  readThroughNewConnection,
  rowOf
} from '$test/renderer/support/mount-form'
import { cleanUp, mountComponent, openTestSite } from '$test/renderer/support/screen-helpers'

afterEach(cleanUp)

const dateBox = () => page.getByRole('textbox', { name: 'Date' })
const commentBox = () => page.getByRole('textbox', { name: 'Comment' })
const saveButton = () => page.getByRole('button', { name: 'Save', exact: true })

describe('result form: each outcome builds the right change request', () => {
  it('completes the connection with all twelve fields, the connection’s own values kept', async () => {
    const { site, calls } = await openResultForm(101)
    await userEvent.fill(dateBox(), '03/14/2025')
    await userEvent.click(page.getByRole('checkbox', { name: 'Will visit Sunday' }))
    await userEvent.click(page.getByRole('checkbox', { name: 'Spoke with them' }))
    await userEvent.fill(commentBox(), 'Coming to the newcomers lunch')
    await userEvent.click(page.getByRole('radio', { name: /^Complete/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item, next } = await saved

    expect(next).toBe(false)
    const stored = await site.repository.get(item.id)
    expect(stored?.body).toEqual({
      ConnectionId: 101,
      Complete: true,
      ConnectionDate: '03/14/2025',
      ConnectionTypeId: 1,
      FamilyConnection: false,
      ContactIndvId: 1,
      OpenCategoryId: 1,
      Reassign: false,
      NewCallerIndvId: -1,
      NewTeamId: -1,
      Comment: 'Coming to the newcomers lunch',
      ResponseIdList: [12, 13]
    })
    expect(stored?.summary).toEqual({
      operation: 'complete',
      contactName: 'Ann Lee',
      connectionTypeName: 'First-time guest'
    })
    expect(stored?.capturedBy).toBe('clerk')
    expect(stored?.state).toBe('queued')
  })

  it('keeps it open with today’s date and no responses sent as [-1]', async () => {
    const { site, calls } = await openResultForm(102)
    await expect.element(dateBox()).toHaveValue(connectionDateOf(new Date()))
    await userEvent.fill(commentBox(), 'No answer; left a message with the nurse')
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved

    const stored = await site.repository.get(item.id)
    expect(stored?.body).toMatchObject({
      ConnectionId: 102,
      Complete: false,
      Reassign: false,
      ConnectionDate: connectionDateOf(new Date()),
      ConnectionTypeId: 2,
      FamilyConnection: true,
      ContactIndvId: 5,
      NewCallerIndvId: -1,
      NewTeamId: -1,
      ResponseIdList: [-1]
    })
    expect(stored?.summary.operation).toBe('keep-open')
  })

  it('reassigns to a team, and accepts a date typed without leading zeros', async () => {
    const { site, calls } = await openResultForm(103)
    await userEvent.fill(dateBox(), '3/9/2025')
    await userEvent.click(page.getByRole('radio', { name: /^Reassign/ }))
    await userEvent.click(page.getByRole('radio', { name: 'A team' }))
    await userEvent.selectOptions(page.getByRole('combobox', { name: 'Team' }), 'Prayer ministry')
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved

    const stored = await site.repository.get(item.id)
    expect(stored?.body).toMatchObject({
      ConnectionId: 103,
      Complete: false,
      Reassign: true,
      ConnectionDate: '03/09/2025',
      NewCallerIndvId: -1,
      NewTeamId: 3
    })
    expect(stored?.summary).toEqual({
      operation: 'reassign',
      contactName: 'Samuel Ortiz',
      connectionTypeName: 'Membership class',
      assigneeName: 'Team: Prayer ministry'
    })
  })

  it('reassigns to a person found by a search with one typo, by keyboard alone', async () => {
    const { site, calls } = await openResultForm(101)
    // Focus starts in the date; Tab past the four responses and the comment to the outcome.
    await expect.element(dateBox()).toHaveFocus()
    for (let step = 0; step < 6; step++) await userEvent.tab()
    await expect.element(page.getByRole('radio', { name: /^Complete/ })).toHaveFocus()
    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    await expect.element(page.getByRole('radio', { name: /^Reassign/ })).toBeChecked()
    await userEvent.tab()
    await userEvent.tab()
    const search = page.getByRole('combobox', { name: 'Person' })
    await expect.element(search).toHaveFocus()
    await userEvent.keyboard('Robrt')
    await expect.element(search).toHaveAttribute('aria-expanded', 'true')
    await expect
      .element(page.getByRole('option', { name: /Bob Stone/ }))
      .toHaveAttribute('aria-selected', 'true')
    await userEvent.keyboard('{Enter}')
    await expect.element(page.getByRole('button', { name: 'Change person' })).toHaveFocus()
    const saved = calls.saved()
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    const { item } = await saved

    const stored = await site.repository.get(item.id)
    expect(stored?.body).toMatchObject({
      ConnectionId: 101,
      Reassign: true,
      Complete: false,
      NewCallerIndvId: 2,
      NewTeamId: -1
    })
    expect(stored?.summary.assigneeName).toBe('Person: Bob Stone')
  })
})

describe('result form: saving', () => {
  it('enters a result by keyboard alone: Tab, typing, Space, arrow keys, Ctrl+Enter', async () => {
    const { site, calls } = await openResultForm(101)
    await expect.element(dateBox()).toHaveFocus()
    await userEvent.keyboard('{Control>}a{/Control}03/15/2025')
    await userEvent.tab()
    await userEvent.keyboard(' ')
    for (let step = 0; step < 4; step++) await userEvent.tab()
    await expect.element(commentBox()).toHaveFocus()
    await userEvent.keyboard('No answer{Enter}Try again Tuesday')
    await userEvent.tab()
    await userEvent.keyboard('{ArrowDown}')
    const saved = calls.saved()
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    const { item, next } = await saved

    expect(next).toBe(false)
    const stored = await readThroughNewConnection(site, item.id)
    expect(stored?.body).toMatchObject({
      ConnectionId: 101,
      Complete: false,
      Reassign: false,
      ConnectionDate: '03/15/2025',
      Comment: 'No answer\nTry again Tuesday',
      ResponseIdList: [11]
    })
  })

  it('reports the save only when the item can be read through a new database connection', async () => {
    const calls = formCallbacks()
    let readBack: Promise<OutboxItem | undefined> | undefined
    const record = calls.onsaved
    // The read starts the moment the form reports the save, before anything else runs.
    calls.onsaved = (event) => {
      readBack = readThroughNewConnection(site, event.item.id)
      record(event)
    }
    const { site, container } = await openResultForm(101, { calls })
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved

    const durable = await readBack
    expect(durable?.id).toBe(item.id)
    expect(durable?.state).toBe('queued')
    expect(durable?.body.ConnectionId).toBe(101)
    await expect
      .element(container.querySelector<HTMLElement>('.saved')!)
      .toHaveTextContent(
        'Saved: keep open for Ann Lee. It is safe on this computer and waits to be sent.'
      )
  })

  it('"Save and next" reports next: true and starts a fresh form with the focus in the date', async () => {
    const { calls } = await openResultForm(101)
    await userEvent.fill(commentBox(), 'Left a voicemail')
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    const first = calls.saved()
    await userEvent.click(page.getByRole('button', { name: 'Save and next' }))
    expect((await first).next).toBe(true)
    await expect.element(commentBox()).toHaveValue('')
    await expect.element(dateBox()).toHaveFocus()

    await userEvent.click(page.getByRole('radio', { name: /^Complete/ }))
    const second = calls.saved()
    await userEvent.keyboard('{Control>}{Shift>}{Enter}{/Shift}{/Control}')
    expect((await second).next).toBe(true)
    expect(calls.events.map((event) => event.item.summary.operation)).toEqual([
      'keep-open',
      'complete'
    ])
  })

  it('starts from the date it is given (carried over by "Save and next"), not today', async () => {
    const { calls } = await openResultForm(101, { date: '03/09/2025' })
    await expect.element(dateBox()).toHaveValue('03/09/2025')
    await userEvent.fill(commentBox(), 'No answer')
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    expect((await saved).item.body.ConnectionDate).toBe('03/09/2025')
  })

  it('edits an unsent item: same item, new body, back to queued, nothing new captured', async () => {
    const { site } = await openTestSite()
    const captured = await site.outbox.capture(
      keepOpenBody(101, 'Left a message'),
      { operation: 'keep-open', contactName: 'Ann Lee', connectionTypeName: 'First-time guest' },
      'clerk'
    )
    await site.repository.saveAll([
      {
        ...captured,
        state: 'needs-attention',
        attention: { status: 400, message: 'Comment is required', fieldErrors: {} }
      }
    ])
    await site.outbox.reload()
    const refused = await site.repository.get(captured.id)
    const calls = formCallbacks()
    mountComponent(ResultForm, {
      site,
      connection: rowOf(site, 101),
      capturedBy: 'clerk',
      account: site.reference.account,
      editing: refused,
      onsaved: calls.onsaved,
      oncancel: calls.oncancel
    })
    await expect.element(commentBox()).toHaveValue('Left a message')
    await expect.element(dateBox()).toHaveValue('03/14/2025')
    await expect.element(page.getByRole('radio', { name: /^Keep open/ })).toBeChecked()

    await userEvent.fill(commentBox(), 'Spoke with Ann; she will come Sunday')
    await userEvent.click(page.getByRole('radio', { name: /^Complete/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved

    expect(item.id).toBe(captured.id)
    const all = await site.repository.listAll()
    expect(all).toHaveLength(1)
    expect(all[0]?.state).toBe('queued')
    expect(all[0]?.attention).toBeUndefined()
    expect(all[0]?.body).toMatchObject({
      Complete: true,
      Comment: 'Spoke with Ann; she will come Sunday'
    })
  })
})
