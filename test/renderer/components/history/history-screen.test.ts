import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import HistoryScreen from '$renderer/components/history/history-screen.svelte'
import { RECEIPT_LOG_COLUMNS } from '$renderer/export/receipt-log-csv'
import { seedHistory } from '../../support/history-seed'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
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

/** Noon today: the seeded receipts of "this morning" fall on today whenever the test runs. */
const NOON = new Date().setHours(12, 0, 0, 0)

async function showHistory() {
  const { site } = await openTestSite()
  const sent = await seedHistory(site, NOON)
  const container = mountComponent(HistoryScreen, { site, now: NOON })
  // The screen reads the list again when it opens.
  await until(
    () => !site.history.loading && container.querySelectorAll('tbody tr').length === 4,
    'the sent results'
  )
  return { site, sent, container }
}

function rows(container: HTMLElement): string[][] {
  return [...container.querySelectorAll('tbody tr')].map((row) =>
    [...row.querySelectorAll('td')].map(textOf)
  )
}

describe('history screen', () => {
  it('shows a result sent while the screen is open', async () => {
    const { site, container } = await showHistory()
    await seedItem(site, { connectionId: 9, contactName: 'Grace Nguyen' }, (item) =>
      applyOutcome(
        beginSending(item, NOON),
        { kind: 'accepted', connectionCRId: 4720, status: 200, idempotencyHonoured: true },
        NOON + 1000
      )
    )
    await until(
      () => rows(container).some((row) => row[0] === '4720'),
      'the newly sent result (change request 4720)'
    )
    expect(rows(container)).toHaveLength(5)
  })

  it('lists sent results newest first, flagging a possible duplicate', async () => {
    const { container } = await showHistory()
    expect(rows(container).map((row) => [row[0], row[2], row[3], row[4], row[5], row[7]])).toEqual([
      ['4713', 'clerk', 'Keep open', 'Ruth Mensah', 'Prayer request', ''],
      [
        '4712',
        'clerk',
        'Keep open',
        'Esther Bailey',
        'Hospital visit',
        'Possible duplicate — check in ACS'
      ],
      ['4711', 'clerk', 'Keep open', 'Samuel Ortiz', 'Membership class', ''],
      ['4698', 'clerk', 'Keep open', 'David Kim', 'First-time guest', '']
    ])
    // Never checked yet: each is waiting for approval since it was sent.
    for (const row of rows(container)) expect(row[6]).toMatch(/^Waiting for approval since /)
    expect(document.activeElement).toBe(
      page.getByRole('searchbox', { name: 'Search sent results' }).element()
    )
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('searches by contact, change-request number and comment', async () => {
    const { container } = await showHistory()
    const search = page.getByRole('searchbox', { name: 'Search sent results' })
    await userEvent.fill(search, 'esther')
    await until(() => rows(container).length === 1, 'one match')
    expect(rows(container)[0]?.[4]).toBe('Esther Bailey')

    await userEvent.fill(search, '4713')
    await until(() => rows(container)[0]?.[4] === 'Ruth Mensah', 'the number to match')
    expect(rows(container)).toHaveLength(1)

    await userEvent.fill(search, 'spring')
    await until(() => rows(container)[0]?.[4] === 'Samuel Ortiz', 'the comment to match')

    await userEvent.fill(search, 'nobody here')
    await until(() => rows(container).length === 0, 'no match')
    expect(textOf(container)).toContain('No sent result matches this search.')
  })

  it('exports today’s receipt log, and every sent result, as CSV', async () => {
    const { container } = await showHistory()
    await userEvent.click(page.getByRole('button', { name: 'Today’s receipt log (CSV)' }))
    await until(() => container.querySelector('a[download]') !== null, 'the export')
    const today = await downloadedText(container)
    expect(today.name).toMatch(/^receipt-log-today-\d{4}-\d{2}-\d{2}-1200\.csv$/)
    const [header, ...lines] = parseCsv(today.text)
    expect(header).toEqual([...RECEIPT_LOG_COLUMNS])
    expect(lines.map((line) => [line[0], line[1], line[2], line[4], line[7]])).toEqual([
      ['4713', new Date(NOON - 25 * 60_000).toISOString(), 'clerk', 'Ruth Mensah', 'no'],
      ['4712', new Date(NOON - 60 * 60_000).toISOString(), 'clerk', 'Esther Bailey', 'yes'],
      ['4711', new Date(NOON - 95 * 60_000).toISOString(), 'clerk', 'Samuel Ortiz', 'no']
    ])
    expect(textOf(container)).toContain('Ready: 3 results sent today.')

    await userEvent.click(page.getByRole('button', { name: 'All sent results (CSV)' }))
    await until(
      () => container.querySelector('a[download^="receipt-log-2"]') !== null,
      'the full export'
    )
    const all = await downloadedText(container)
    expect(parseCsv(all.text).map((line) => line[0])).toEqual([
      'Change request id',
      '4713',
      '4712',
      '4711',
      '4698'
    ])
  })

  it('shows names from the site as text, never as markup', async () => {
    const { site, container } = await showHistory()
    await seedItem(site, { connectionId: 108, contactName: MARKUP }, (item) => ({
      ...item,
      state: 'sent',
      receipt: { connectionCRId: 4720, at: NOON, possibleDuplicate: false }
    }))
    await site.history.load()
    await until(() => rows(container)[0]?.[0] === '4720', 'the new result (change request 4720)')
    expect(rows(container)[0]?.[4]).toBe(MARKUP)
    expect(container.querySelector('img')).toBeNull()
  })
})
