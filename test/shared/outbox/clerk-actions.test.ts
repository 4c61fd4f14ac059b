import { describe, expect, it } from 'vitest'
import { discardItem, editItem, retryNow, sendWaitingNow } from '$shared/outbox/clerk-actions'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { bodyFor, capture, outcomes, summaryFor, T0 } from '../support/outbox-fixtures'

const NOW = T0 + 5_000
const LATER = T0 + 60_000

function send(item: OutboxItem, outcome: Parameters<typeof applyOutcome>[1], now = NOW) {
  return applyOutcome(beginSending(item, now), outcome, now)
}

function edited(item: OutboxItem, comment: string): OutboxItem {
  const body = bodyFor(item.connectionId, comment)
  return editItem(item, body, summaryFor(body), 'renewed-key', LATER)
}

describe('retryNow', () => {
  it('makes a waiting item due now and keeps it waiting', () => {
    const waiting = send(capture(1), outcomes.retryable(600_000))
    const retried = retryNow(waiting, LATER)
    expect(retried).toMatchObject({ state: 'waiting', nextAttemptAt: LATER, updatedAt: LATER })
    expect(retried.attempts).toStrictEqual(waiting.attempts)
  })

  it('keeps an unknown outcome uncertain and under the same key', () => {
    const retried = retryNow(send(capture(1), outcomes.noAnswer()), LATER)
    expect(retried).toMatchObject({
      state: 'unknown-outcome',
      uncertain: true,
      idempotencyKey: 'key-1'
    })
    expect(retried.nextAttemptAt).toBe(LATER)
  })

  it('sends a refused item again, unchanged, under the same key', () => {
    const refused = send(capture(1), outcomes.rejected(409))
    const retried = retryNow(refused, LATER)
    expect(retried.state).toBe('queued')
    expect(retried.body).toStrictEqual(refused.body)
    expect(retried.idempotencyKey).toBe('key-1')
    expect(retried).not.toHaveProperty('attention')
  })
})

describe('editItem', () => {
  it('renews the key when the body changed, and keeps it when it did not', () => {
    const refused = send(capture(1), outcomes.rejected())
    expect(edited(refused, 'Spoke with her on Sunday').idempotencyKey).toBe('renewed-key')
    expect(edited(refused, 'Left a voicemail').idempotencyKey).toBe('key-1')
  })

  it('treats a reordered response list as a different body (the service compares bodies)', () => {
    const item = capture(1)
    const first = { ...item.body, ResponseIdList: [3, 4] }
    const withFirst = editItem(item, first, item.summary, 'k2', LATER)
    const reordered = { ...item.body, ResponseIdList: [4, 3] }
    expect(editItem(withFirst, reordered, item.summary, 'k3', LATER).idempotencyKey).toBe('k3')
    expect(editItem(withFirst, { ...first }, item.summary, 'k4', LATER).idempotencyKey).toBe('k2')
  })

  it('queues the new body, follows a changed connection, and clears the refusal', () => {
    const refused = send(capture(1, 7), outcomes.rejected(404))
    const body = bodyFor(8, 'Right connection this time')
    const item = editItem(refused, body, summaryFor(body), 'renewed-key', LATER)
    expect(item).toMatchObject({ state: 'queued', connectionId: 8, body, updatedAt: LATER })
    expect(item).not.toHaveProperty('attention')
    expect(item).not.toHaveProperty('nextAttemptAt')
    expect(item.attempts).toStrictEqual(refused.attempts)
  })

  it('an edited unknown outcome stays uncertain: its receipt warns of a possible duplicate', () => {
    const unsure = send(capture(1), outcomes.noAnswer())
    const changed = edited(unsure, 'Added what she said')
    expect(changed.uncertain).toBe(true)
    // The new key cannot cover what went out under the old one, honoured or not.
    expect(send(changed, outcomes.accepted(5, true)).receipt?.possibleDuplicate).toBe(true)
    const unchanged = edited(unsure, 'Left a voicemail')
    expect(send(unchanged, outcomes.accepted(5, true)).receipt?.possibleDuplicate).toBe(false)
    expect(send(unchanged, outcomes.accepted(5, false)).receipt?.possibleDuplicate).toBe(true)
  })

  it('refuses a sent item, naming its change request', () => {
    const sent = send(capture(1), outcomes.accepted(4711))
    expect(() => edited(sent, 'too late')).toThrow(/change request 4711/)
  })
})

describe('discardItem', () => {
  it('keeps the item, discarded, with its history', () => {
    const refused = send(capture(1), outcomes.rejected())
    const discarded = discardItem(refused, LATER)
    expect(discarded).toMatchObject({ id: 'item-1', state: 'discarded', updatedAt: LATER })
    expect(discarded.attempts).toStrictEqual(refused.attempts)
  })

  it('refuses while sending, with a reason', () => {
    expect(() => discardItem(beginSending(capture(1), NOW), LATER)).toThrow(/being sent right now/)
  })
})

describe('sendWaitingNow (one item of "Send all now")', () => {
  it('makes every item waiting out a backoff due now: network, server, or not sure it arrived', () => {
    const offline = send(capture(1), outcomes.retryable(undefined, null))
    const busy = send(capture(2), outcomes.retryable(600_000, 429))
    const lost = send(capture(3), outcomes.noAnswer())
    // Even the shortest backoff (500 ms) is still running a moment after the try.
    const soon = NOW + 1
    for (const item of [offline, busy, lost]) {
      const hurried = sendWaitingNow(item, soon)
      expect(hurried).toStrictEqual({ ...item, nextAttemptAt: soon, updatedAt: soon })
    }
  })

  it('never touches a result that needs attention, nor one queued, out, sent or discarded', () => {
    const untouched = [
      send(capture(1), outcomes.rejected()),
      capture(2),
      beginSending(capture(3), NOW),
      send(capture(4), outcomes.accepted()),
      discardItem(capture(5), NOW)
    ]
    for (const item of untouched) expect(sendWaitingNow(item, LATER)).toBe(item)
  })

  it('leaves an item that is already due as it is', () => {
    const busy = send(capture(1), outcomes.retryable())
    expect(sendWaitingNow(busy, (busy.nextAttemptAt ?? 0) + 1)).toBe(busy)
  })
})
