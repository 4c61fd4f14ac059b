import { describe, expect, it } from 'vitest'
import { discardItem } from '$shared/outbox/clerk-actions'
import { blockedBy, blockersOf, nextDueAt, pickDueItems } from '$shared/outbox/delivery-order'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { capture, outcomes, T0 } from '../support/outbox-fixtures'

const NOW = T0 + 10_000

function after(item: OutboxItem, outcome: Parameters<typeof applyOutcome>[1], now = T0) {
  return applyOutcome(beginSending(item, now), outcome, now)
}

const ids = (items: OutboxItem[]) => items.map((item) => item.id)

describe('pickDueItems', () => {
  it('sends only the earliest unsent result of each connection, in capture order', () => {
    const items = [capture(3, 7), capture(1, 7), capture(2, 8), capture(4, 8)]
    expect(ids(pickDueItems(items, NOW, { limit: 10 }))).toStrictEqual(['item-1', 'item-2'])
  })

  it('new connections never wait on each other', () => {
    const items = [capture(1, -1), capture(2, -1), capture(3, -1)]
    expect(ids(pickDueItems(items, NOW, { limit: 10 }))).toStrictEqual([
      'item-1',
      'item-2',
      'item-3'
    ])
  })

  it.each([
    ['needs attention', (item: OutboxItem) => after(item, outcomes.rejected())],
    ['sending', (item: OutboxItem) => beginSending(item, T0)],
    ['waiting', (item: OutboxItem) => after(item, outcomes.retryable(600_000))],
    ['unknown outcome', (item: OutboxItem) => after(item, outcomes.noAnswer())]
  ])('an earlier result that is %s holds back its connection only', (_, turn) => {
    const items = [turn(capture(1, 7)), capture(2, 7), capture(3, 8), capture(4, -1)]
    expect(ids(pickDueItems(items, T0 + 1, { limit: 10 }))).toStrictEqual(['item-3', 'item-4'])
  })

  it('sent and discarded results no longer hold anything back', () => {
    const items = [
      after(capture(1, 7), outcomes.accepted()),
      discardItem(capture(2, 7), T0),
      capture(3, 7)
    ]
    expect(ids(pickDueItems(items, NOW, { limit: 10 }))).toStrictEqual(['item-3'])
  })

  it('skips items not yet due and respects the limit', () => {
    const waiting = after(capture(1, 7), outcomes.retryable(60_000))
    const items = [waiting, capture(2, 8), capture(3, 9), capture(4, 10)]
    expect(ids(pickDueItems(items, NOW, { limit: 2 }))).toStrictEqual(['item-2', 'item-3'])
    expect(ids(pickDueItems(items, T0 + 60_000, { limit: 1 }))).toStrictEqual(['item-1'])
    expect(pickDueItems(items, NOW, { limit: 0 })).toStrictEqual([])
  })

  it('keeps sites apart: the same connection id on two sites is two connections', () => {
    const other = 'https://secure.accessacs.com/api_accessacs_mobile/v2#999'
    const items = [after(capture(1, 7), outcomes.rejected()), capture(2, 7, { siteKey: other })]
    expect(ids(pickDueItems(items, NOW, { limit: 10 }))).toStrictEqual(['item-2'])
    expect(pickDueItems(items, NOW, { limit: 10, siteKey: 'nowhere' })).toStrictEqual([])
  })

  it('handles 10,000 items over 500 connections: one per connection, earliest first', () => {
    const items: OutboxItem[] = []
    for (let sequence = 10_000; sequence >= 1; sequence--) {
      const connection = sequence % 7 === 0 ? -1 : (sequence % 500) + 1
      items.push(capture(sequence, connection))
    }
    const picked = pickDueItems(items, NOW, { limit: 500 })
    expect(picked).toHaveLength(500)
    const sequences = picked.map((item) => item.sequence)
    expect(sequences).toStrictEqual([...sequences].sort((a, b) => a - b))
    const existing = picked.filter((item) => item.connectionId > 0)
    expect(new Set(existing.map((item) => item.connectionId)).size).toBe(existing.length)
    for (const item of existing) expect(item.sequence).toBeLessThanOrEqual(500)
  })
})

describe('blockedBy and blockersOf', () => {
  it('name the earliest unsent result of the connection, with a reason for the clerk', () => {
    const refused = after(capture(1, 7), outcomes.rejected())
    const items = [refused, capture(2, 7), capture(3, 7), capture(4, 8)]
    const blocker = blockedBy(capture(3, 7), items)
    expect(blocker?.item.id).toBe('item-1')
    expect(blocker?.reason).toBe(
      'Waiting for an earlier result for this connection, which needs your attention'
    )
    expect(blockedBy(refused, items)).toBeUndefined()
    expect(blockedBy(capture(4, 8), items)).toBeUndefined()
    const all = blockersOf(items)
    expect([...all.keys()].sort()).toStrictEqual(['item-2', 'item-3'])
    expect(all.get('item-2')).toStrictEqual(blocker)
  })

  it('never blocks new connections or finished items', () => {
    const items = [after(capture(1, -1), outcomes.rejected()), capture(2, -1)]
    expect(blockedBy(capture(2, -1), items)).toBeUndefined()
    expect(blockersOf(items).size).toBe(0)
  })

  it('describes each kind of earlier result', () => {
    const reasonWhenFirstIs = (first: OutboxItem) => blockedBy(capture(2, 7), [first])?.reason
    expect(reasonWhenFirstIs(beginSending(capture(1, 7), T0))).toMatch(/is being sent/)
    expect(reasonWhenFirstIs(after(capture(1, 7), outcomes.noAnswer()))).toMatch(/confirmed/)
    expect(reasonWhenFirstIs(capture(1, 7))).toMatch(/to be sent first/)
  })
})

describe('nextDueAt', () => {
  it('is the earliest due time among items the scheduler could send', () => {
    const soon = after(capture(1, 7), outcomes.retryable(30_000))
    const late = after(capture(2, 8), outcomes.retryable(90_000))
    expect(nextDueAt([late, soon])).toBe(T0 + 30_000)
  })

  it('ignores blocked, refused, sent and discarded items', () => {
    const refused = after(capture(1, 7), outcomes.rejected())
    const blocked = after(capture(2, 7), outcomes.retryable(5_000))
    const sent = after(capture(3, 8), outcomes.accepted())
    expect(nextDueAt([refused, blocked, sent, discardItem(capture(4, 9), T0)])).toBeNull()
  })

  it('a queued item is due since it was captured', () => {
    expect(nextDueAt([capture(1, 7, { capturedAt: T0 + 5 })])).toBe(T0 + 5)
  })
})

describe('a clock that was ahead and went back', () => {
  const MINUTE = 60_000
  const DAY = 24 * 60 * MINUTE
  /** Failed while the clock read a day ahead; the clock now reads true again. */
  const AHEAD = T0 + DAY

  it('a network wait set by the clock ahead is due now, not in a day', () => {
    const offline = after(capture(1, 7), outcomes.retryable(undefined, null), AHEAD)
    expect(offline.nextAttemptAt).toBeGreaterThan(T0 + 15 * MINUTE)
    expect(ids(pickDueItems([offline], T0, { limit: 10 }))).toStrictEqual(['item-1'])
    expect(nextDueAt([offline], { now: T0 })).toBe(T0)
  })

  it('a lost answer waits at most the 15-minute backoff cap, whatever the clock said', () => {
    const lost = after(capture(1, 7), outcomes.noAnswer(), AHEAD)
    expect(ids(pickDueItems([lost], T0, { limit: 10 }))).toStrictEqual(['item-1'])
  })

  it('a due time within the cap is still honoured: a small step back of the clock changes nothing', () => {
    const offline = after(capture(1, 7), outcomes.retryable(undefined, null), T0)
    const due = offline.nextAttemptAt ?? 0
    expect(pickDueItems([offline], due - 1, { limit: 10 })).toStrictEqual([])
    expect(nextDueAt([offline], { now: due - 1 })).toBe(due)
    const edge = { ...offline, nextAttemptAt: T0 + 15 * MINUTE }
    expect(pickDueItems([edge], T0, { limit: 10 })).toStrictEqual([])
    expect(ids(pickDueItems([edge], T0 - 1, { limit: 10 }))).toStrictEqual(['item-1'])
  })

  it('a Retry-After from the service is honoured up to its own one-hour cap', () => {
    const busy = after(capture(1, 7), outcomes.retryable(50 * MINUTE, 429), T0)
    expect(pickDueItems([busy], T0 + 49 * MINUTE, { limit: 10 })).toStrictEqual([])
    expect(nextDueAt([busy], { now: T0 })).toBe(T0 + 50 * MINUTE)
    const setAhead = after(capture(1, 7), outcomes.retryable(50 * MINUTE, 429), AHEAD)
    expect(ids(pickDueItems([setAhead], T0, { limit: 10 }))).toStrictEqual(['item-1'])
  })

  it('a queued result changed while the clock was ahead is due now, not when the clock catches up', () => {
    const queued = capture(1, 7, { capturedAt: AHEAD })
    expect(nextDueAt([queued], { now: T0 })).toBe(T0)
    expect(nextDueAt([queued])).toBe(AHEAD)
  })
})
