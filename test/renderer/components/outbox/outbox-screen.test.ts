import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { OUTBOX_CSV_COLUMNS, outboxCsv } from '$renderer/export/outbox-csv'
import OutboxScreen from '$renderer/components/outbox/outbox-screen.svelte'
import { localClockTime } from '$shared/outbox/describe-state'
import { seedOutbox } from '../../support/outbox-seed'
import {
  cleanUp,
  downloadedText,
  mountComponent,
  openTestSite,
  parseCsv,
  seedItem,
  seriousAxeProblems,
  textOf
} from '../../support/screen-helpers'
import { until } from '../../support/until'
import { MARKUP } from '../../support/practice-church'

afterEach(cleanUp)

async function showOutbox() {
  const { site, desk } = await openTestSite()
  const seeded = await seedOutbox(site)
  const edits: string[] = []
  const notices: string[] = []
  let signIns = 0
  const container = mountComponent(OutboxScreen, {
    site,
    now: Date.now(),
    onedit: (itemId: string) => void edits.push(itemId),
    onsignin: () => void signIns++,
    onnotice: (text: string) => void notices.push(text)
  })
  return { site, desk, seeded, container, edits, notices, signIns: () => signIns }
}

/** Each entry's title and state line, in the order shown. */
function entries(container: HTMLElement): Array<[string, string]> {
  return [...container.querySelectorAll('li.entry')].map((entry) => [
    textOf(entry.querySelector('h3')!),
    textOf(entry.querySelector('.state')!)
  ])
}

function entryOf(container: HTMLElement, index: number): HTMLElement {
  const entry = container.querySelectorAll<HTMLElement>('li.entry')[index]
  if (!entry) throw new Error(`no outbox entry ${index}`)
  return entry
}

describe('outbox screen', () => {
  it('says where each unsent result stands, in plain words', async () => {
    const { container, seeded } = await showOutbox()
    expect(entries(container)).toEqual([
      [
        'Keep open — Ann Lee',
        `Waiting to send — next try ${localClockTime(seeded.waiting.nextAttemptAt!)}`
      ],
      [
        'Keep open — Bob Stone',
        'Needs your attention: Access ACS refused this result: the response is not valid for this type.'
      ],
      ['Keep open — Peggy Okafor', 'Not sure it arrived — will resend safely'],
      [
        'Keep open — Bob Stone',
        'Waiting for an earlier result for this connection, which needs your attention'
      ],
      ['Keep open — Grace Nguyen', 'Sending']
    ])
    expect(textOf(container)).toContain('5 results not sent yet')

    const refused = entryOf(container, 1)
    expect(textOf(refused.querySelector('.attention')!)).toBe(
      'Access ACS answered 400. Responses: Response 31 does not belong to First-time guest.'
    )
    expect(textOf(entryOf(container, 3).querySelector('.blocker')!)).toContain(
      'Held back by the earlier result “Keep open — Bob Stone”'
    )

    const attempts = refused.querySelector('details')!
    expect(attempts.open).toBe(false)
    await userEvent.click(page.getByText('1 attempt').nth(1))
    expect(attempts.open).toBe(true)
    expect([...attempts.querySelectorAll('tbody td')].slice(1).map(textOf)).toEqual([
      'Refused',
      '400',
      'The request is invalid.'
    ])
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('Retry now sends a refused result again as it is', async () => {
    const { site, desk, seeded, container, notices } = await showOutbox()
    const reportsBefore = desk.reports.length
    await userEvent.click(entryOf(container, 1).querySelector('button')!)
    await until(
      () => site.outbox.items.find((item) => item.id === seeded.attention.id)?.state === 'queued',
      'the refused result to be queued again'
    )
    expect(entries(container)[1]).toEqual(['Keep open — Bob Stone', 'Queued'])
    expect(desk.reports.slice(reportsBefore).at(-1)?.captured).toBe(true)
    expect(notices).toEqual(['Bob Stone: will be sent as soon as Access ACS can be reached.'])
  })

  it('Send all now, from the keyboard, makes every waiting result due but not the refused one, and says so', async () => {
    const { site, desk, seeded, container, notices } = await showOutbox()
    const reportsBefore = desk.reports.length
    const pressedAt = Date.now()
    // The first stop after the screen's heading, which has the focus when the screen opens.
    await userEvent.tab()
    const button = page.getByRole('button', { name: 'Send all now' })
    expect(document.activeElement).toBe(button.element())
    await userEvent.keyboard('{Enter}')

    await until(() => notices.length === 1, 'Send all now to say what it did')
    expect(notices).toEqual([
      '3 results will be tried now. 1 result needs your attention first, and 1 more waits behind it.'
    ])
    for (const hurried of [seeded.waiting, seeded.unknown]) {
      const stored = await site.repository.get(hurried.id)
      expect(stored?.state).toBe(hurried.state)
      expect(stored?.nextAttemptAt).toBeGreaterThanOrEqual(pressedAt)
      expect(stored?.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    }
    expect(await site.repository.get(seeded.attention.id)).toEqual(seeded.attention)
    expect(await site.repository.get(seeded.blocked.id)).toEqual(seeded.blocked)
    expect(desk.reports.slice(reportsBefore).at(-1)?.captured).toBe(true)
    const waitingRow = site.outbox.rows.find((row) => row.item.id === seeded.waiting.id)
    expect(entries(container)[0]?.[1]).toBe(waitingRow?.description)
    expect(waitingRow?.item.nextAttemptAt).toBeLessThanOrEqual(Date.now())
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('Send all now says so when only results that need attention are left', async () => {
    const { site, seeded, notices } = await showOutbox()
    for (const item of [seeded.waiting, seeded.unknown, seeded.blocked]) {
      await site.outbox.discard(item.id)
    }
    await site.repository.saveAll([{ ...seeded.sending, state: 'discarded' }])
    await site.outbox.reload()
    await userEvent.click(page.getByRole('button', { name: 'Send all now' }))
    await until(() => notices.length === 1, 'Send all now to say what it did')
    expect(notices).toEqual(['Nothing can be sent now: 1 result needs your attention first.'])
    expect(await site.repository.get(seeded.attention.id)).toEqual(seeded.attention)
  })

  it('Edit opens the result in the form, but not while it is being sent', async () => {
    const { seeded, container, edits } = await showOutbox()
    const buttons = (index: number) =>
      [...entryOf(container, index).querySelectorAll('button')].map((button) => [
        textOf(button),
        button.disabled
      ])
    expect(buttons(4)).toEqual([
      ['Retry now', true],
      ['Edit', true],
      ['Discard', true]
    ])
    expect(textOf(entryOf(container, 4))).toContain('Being sent — wait a moment')
    await userEvent.click(page.getByRole('button', { name: 'Edit' }).nth(1))
    expect(edits).toEqual([seeded.attention.id])
  })

  it('Discard asks first, in a dialog; Cancel keeps the result, Discard throws it away', async () => {
    const { site, seeded, container } = await showOutbox()
    const dialog = page.getByRole('dialog', { name: 'Discard this result?' })
    await userEvent.click(page.getByRole('button', { name: 'Discard' }).nth(2))
    await expect.element(dialog).toBeVisible()
    expect(textOf(dialog.element())).toContain(
      'An earlier try may already have reached Access ACS: check there before entering it again.'
    )
    expect(await seriousAxeProblems(document.body)).toEqual([])
    await userEvent.click(dialog.getByRole('button', { name: 'Cancel' }))
    await expect.element(dialog).not.toBeInTheDocument()
    expect(site.outbox.count).toBe(5)

    await userEvent.click(page.getByRole('button', { name: 'Discard' }).nth(2))
    await userEvent.keyboard('{Escape}')
    await expect.element(dialog).not.toBeInTheDocument()
    expect(site.outbox.count).toBe(5)

    await userEvent.click(page.getByRole('button', { name: 'Discard' }).nth(2))
    await userEvent.click(dialog.getByRole('button', { name: 'Discard' }))
    await until(
      () => site.outbox.items.every((item) => item.id !== seeded.unknown.id),
      'the discarded result to leave the outbox'
    )
    expect((await site.repository.get(seeded.unknown.id))?.state).toBe('discarded')
    expect(entries(container).map(([title]) => title)).not.toContain('Keep open — Peggy Okafor')
    expect(document.activeElement).toBe(page.getByRole('heading', { name: 'Outbox' }).element())
  })

  it('exports all results as CSV, and the selected ones as CSV and JSON', async () => {
    const { site, seeded, container } = await showOutbox()
    await userEvent.click(page.getByRole('button', { name: 'Export all as CSV' }))
    const all = await downloadedText(container)
    expect(all.name).toMatch(/^outbox-\d{4}-\d{2}-\d{2}-\d{4}\.csv$/)
    expect(all.text).toBe(outboxCsv(site.outbox.rows))
    const [header, ...rows] = parseCsv(all.text)
    expect(header).toEqual([...OUTBOX_CSV_COLUMNS])
    expect(rows.map((row) => [row[2], row[4], row[9]])).toEqual([
      [
        `Waiting to send — next try ${localClockTime(seeded.waiting.nextAttemptAt!)}`,
        'Ann Lee',
        'Left a voicemail about the youth group.'
      ],
      [
        'Needs your attention: Access ACS refused this result: the response is not valid for this type.',
        'Bob Stone',
        'Spoke with Bob; will visit on Sunday.'
      ],
      [
        'Not sure it arrived — will resend safely',
        'Peggy Okafor',
        'Visited after surgery; recovering well.'
      ],
      [
        'Waiting for an earlier result for this connection, which needs your attention',
        'Bob Stone',
        'Second call: confirmed the visit.'
      ],
      ['Sending', 'Grace Nguyen', 'Left a message']
    ])
    expect(document.activeElement?.getAttribute('download')).toBe(all.name)

    await userEvent.click(page.getByRole('checkbox', { name: 'Select Keep open — Ann Lee' }))
    await userEvent.click(page.getByRole('checkbox', { name: 'Select Keep open — Peggy Okafor' }))
    await userEvent.click(page.getByRole('button', { name: 'Export 2 selected as CSV' }))
    const selected = await downloadedText(container)
    expect(parseCsv(selected.text).map((row) => row[4])).toEqual([
      'Contact',
      'Ann Lee',
      'Peggy Okafor'
    ])
    expect(textOf(container)).toContain('Ready: 2 results selected.')

    await userEvent.click(page.getByRole('button', { name: 'Export 2 selected as JSON' }))
    await until(
      () => container.querySelector('a[download$=".json"]') !== null,
      'the JSON export to be offered'
    )
    const json = JSON.parse((await downloadedText(container)).text) as {
      format: string
      siteKey: string
      items: Array<{ id: string; body: { Comment: string } }>
    }
    expect(json.format).toBe('connections-desk-outbox')
    expect(json.siteKey).toBe(site.siteKey)
    expect(json.items.map((item) => item.id)).toEqual([seeded.waiting.id, seeded.unknown.id])
    expect(json.items[1]?.body.Comment).toBe('Visited after surgery; recovering well.')

    await userEvent.click(page.getByRole('checkbox', { name: 'Select all' }))
    expect(page.getByRole('button', { name: 'Export 5 selected as CSV' }).element()).toBeTruthy()
  })

  it('offers to sign in again when sending is paused', async () => {
    const { desk, container, signIns } = await showOutbox()
    desk.changeState({ online: true, paused: true, lastSuccessAt: null })
    await expect.element(page.getByRole('button', { name: 'Sign in again' })).toBeVisible()
    expect(entries(container)[0]?.[1]).toBe('Paused: sign in again')
    await userEvent.click(page.getByRole('button', { name: 'Sign in again' }))
    expect(signIns()).toBe(1)
  })

  it('shows a clerk’s comment and the site’s messages as text, never as markup', async () => {
    const { site, container } = await showOutbox()
    await seedItem(site, { connectionId: 110, contactName: MARKUP, comment: MARKUP }, (item) => ({
      ...item,
      state: 'needs-attention',
      attention: { status: 400, message: MARKUP, fieldErrors: { Comment: [MARKUP] } },
      attempts: [{ at: Date.now(), outcome: 'rejected', status: 400, message: MARKUP }]
    }))
    await until(
      () => entries(container).some(([title]) => title === `Keep open — ${MARKUP}`),
      'the new result to show'
    )
    const entry = entryOf(container, 5)
    expect(textOf(entry.querySelector('h3')!)).toBe(`Keep open — ${MARKUP}`)
    expect(textOf(entry.querySelector('.comment')!)).toBe(`Comment: ${MARKUP}`)
    expect(textOf(entry.querySelector('.attention li')!)).toBe(`Comment: ${MARKUP}`)
    expect(container.querySelector('img')).toBeNull()
  })

  it('explains a refused right in one sentence with the next step, the status said once at most', async () => {
    const { site, container } = await showOutbox()
    const message =
      'Access ACS refused this result (403 Forbidden: User clerk does not have full rights to connection type 3 (Prayer request).)'
    await seedItem(site, { connectionId: 110, contactName: 'Ruth Mensah' }, (item) => ({
      ...item,
      state: 'needs-attention',
      attention: { status: 403, message, fieldErrors: {} },
      attempts: [{ at: Date.now(), outcome: 'rejected', status: 403, message }]
    }))
    await until(() => entries(container).length === 6, 'the refused result to show')
    const entry = entryOf(container, 5)
    expect(entries(container)[5]).toEqual([
      'Keep open — Ruth Mensah',
      'Needs your attention: your Access ACS user lacks a right needed to send this result.'
    ])
    const attention = textOf(entry.querySelector('.attention')!)
    expect(attention).toBe(
      'Access ACS said: “User clerk does not have full rights to connection type 3 (Prayer request).” ' +
        'Ask your administrator for the right, then choose Retry now — or Discard this result.'
    )
    const shown = `${textOf(entry.querySelector('.state')!)} ${attention}`
    expect(shown.match(/403/g) ?? []).toHaveLength(0)
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})
