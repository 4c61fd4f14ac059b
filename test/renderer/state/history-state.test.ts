import { afterEach, describe, expect, it } from 'vitest'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { HistoryState } from '$renderer/state/history-state.svelte'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { freshDatabase } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function withSentItems(names: string[]) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  let now = Date.UTC(2025, 2, 14, 9)
  const repository = new OutboxRepository(db, { now: () => now })
  for (const [index, name] of names.entries()) {
    const item = await repository.capture(keepOpenBody(20 + index), summaryOf(name), 'clerk')
    now += 60_000
    const sending = beginSending(
      index === 1
        ? applyOutcome(beginSending(item, now), { kind: 'no-answer', message: 'lost' }, now)
        : item,
      now
    )
    const outcome = {
      kind: 'accepted' as const,
      connectionCRId: 700 + index,
      status: 200,
      idempotencyHonoured: false
    }
    await repository.saveAll([applyOutcome(sending, outcome, now)])
  }
  await repository.capture(keepOpenBody(99), summaryOf('Still unsent'), 'clerk')
  return repository
}

describe('HistoryState', () => {
  it('lists sent results newest first, with the duplicate warning where due', async () => {
    const history = new HistoryState(await withSentItems(['Ann Lee', 'Bob Stone', 'Carl Young']))
    await history.load()
    expect(history.rows.map((row) => [row.item.summary.contactName, row.description])).toEqual([
      ['Carl Young', 'Sent — change request 702'],
      [
        'Bob Stone',
        'Sent — change request 701 (an earlier try may also have arrived: check for a duplicate in ACS)'
      ],
      ['Ann Lee', 'Sent — change request 700']
    ])
  })

  it('searches, keeping only the answer to the latest search', async () => {
    const history = new HistoryState(await withSentItems(['Ann Lee', 'Bob Stone', 'Ann Marsh']))
    const slow = history.setSearch('bob')
    const latest = history.setSearch('ann')
    await Promise.all([slow, latest])
    expect(history.search).toBe('ann')
    expect(history.rows.map((row) => row.item.summary.contactName)).toEqual([
      'Ann Marsh',
      'Ann Lee'
    ])
    expect(history.loading).toBe(false)
  })

  it('exports the whole receipt log as CSV, or only what matches the search', async () => {
    const history = new HistoryState(await withSentItems(['Ann Lee', 'Bob Stone']), { limit: 1 })
    await history.setSearch('bob')
    const all = (await history.exportCsv()).trimEnd().split('\r\n')
    expect(all).toHaveLength(3)
    expect(all[1]).toBe(
      '701,2025-03-14T09:02:00.000Z,clerk,Keep open,Bob Stone,First-time guest,21,yes,' +
        'Waiting for approval,2025-03-14T09:02:00.000Z'
    )
    expect(all[2]).toBe(
      '700,2025-03-14T09:01:00.000Z,clerk,Keep open,Ann Lee,First-time guest,20,no,' +
        'Waiting for approval,2025-03-14T09:01:00.000Z'
    )
    const matching = (await history.exportCsv({ matchingSearch: true })).trimEnd().split('\r\n')
    expect(matching.slice(1).map((line) => line.split(',')[0])).toEqual(['701'])
  })
})
