import { attemptCount } from '$shared/outbox/attempt-history'
import { describe, expect, it } from 'vitest'
import {
  BACKOFF_CAP_MS,
  BACKOFF_FLOOR_MS,
  RETRY_AFTER_CAP_MS,
  backoffCeilingMs,
  backoffDelayMs,
  consecutiveFailures,
  jitterShare,
  retryDelayMs
} from '$shared/outbox/backoff'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { capture, outcomes, T0 } from '../support/outbox-fixtures'

const IDS = Array.from({ length: 400 }, (_, index) => `item-${index}`)

function delaysAt(failures: number): number[] {
  return IDS.map((id) => backoffDelayMs(id, failures, failures))
}

describe('backoff', () => {
  it('the ceiling starts near 2 s, doubles per consecutive failure and stops at 15 minutes', () => {
    expect(backoffCeilingMs(1)).toBe(2_000)
    expect(backoffCeilingMs(2)).toBe(4_000)
    expect(backoffCeilingMs(5)).toBe(32_000)
    expect(backoffCeilingMs(9)).toBe(512_000)
    expect(backoffCeilingMs(10)).toBe(BACKOFF_CAP_MS)
    expect(backoffCeilingMs(1_000)).toBe(BACKOFF_CAP_MS)
    expect(backoffCeilingMs(Number.MAX_SAFE_INTEGER)).toBe(BACKOFF_CAP_MS)
  })

  it('every delay lies between the floor and the ceiling, never 0', () => {
    for (const failures of [1, 2, 3, 6, 10, 50, 1_000]) {
      for (const delay of delaysAt(failures)) {
        expect(delay).toBeGreaterThanOrEqual(BACKOFF_FLOOR_MS)
        expect(delay).toBeLessThanOrEqual(backoffCeilingMs(failures))
        expect(Number.isInteger(delay)).toBe(true)
      }
    }
  })

  it('grows with consecutive failures', () => {
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length
    const means = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((failures) => mean(delaysAt(failures)))
    for (let index = 1; index < means.length; index++) {
      expect(means[index]).toBeGreaterThan(means[index - 1] ?? Infinity)
    }
  })

  it('is fully jittered: items that failed together spread over the whole range', () => {
    const delays = delaysAt(10)
    expect(new Set(delays).size).toBeGreaterThan(390)
    expect(Math.min(...delays)).toBeLessThan(BACKOFF_CAP_MS * 0.1)
    expect(Math.max(...delays)).toBeGreaterThan(BACKOFF_CAP_MS * 0.9)
    const shares = IDS.map((id) => jitterShare(id))
    expect(shares.filter((share) => share < 0.5).length).toBeGreaterThan(150)
    expect(shares.filter((share) => share >= 0.5).length).toBeGreaterThan(150)
  })

  it('is deterministic: the same item and attempt always get the same delay', () => {
    expect(backoffDelayMs('a', 3, 3)).toBe(backoffDelayMs('a', 3, 3))
    expect(backoffDelayMs('a', 3, 3)).not.toBe(backoffDelayMs('a', 4, 3))
  })

  it('honours Retry-After (ms), up to an hour, and never waits less than the backoff', () => {
    expect(retryDelayMs({ itemId: 'a', attemptNumber: 1, failures: 1, retryAfterMs: 90_000 })).toBe(
      90_000
    )
    expect(
      retryDelayMs({ itemId: 'a', attemptNumber: 1, failures: 1, retryAfterMs: 5 * 3_600_000 })
    ).toBe(RETRY_AFTER_CAP_MS)
    const backoff = backoffDelayMs('a', 12, 12)
    expect(retryDelayMs({ itemId: 'a', attemptNumber: 12, failures: 12, retryAfterMs: 1 })).toBe(
      backoff
    )
    expect(retryDelayMs({ itemId: 'a', attemptNumber: 12, failures: 12 })).toBe(backoff)
  })

  it('counts only the failures since the last attempt that did not ask for a retry', () => {
    const at = T0
    expect(
      consecutiveFailures([
        { at, outcome: 'retryable', message: 'x' },
        { at, outcome: 'rejected', message: 'x' },
        { at, outcome: 'no-answer', message: 'x' },
        { at, outcome: 'retryable', message: 'x' }
      ])
    ).toBe(2)
    expect(consecutiveFailures([])).toBe(0)
  })
})

describe('retries through the state machine', () => {
  it('never gives up: after 1,000 failures the item is still waiting, every attempt counted', () => {
    let item: OutboxItem = capture(1)
    let now = T0
    const waits: number[] = []
    for (let failure = 0; failure < 1_000; failure++) {
      item = applyOutcome(beginSending(item, now), outcomes.retryable(), now)
      const next = item.nextAttemptAt ?? Number.NaN
      waits.push(next - now)
      now = next
    }
    expect(item.state).toBe('waiting')
    expect(attemptCount(item)).toBe(1_000)
    expect(Math.max(...waits)).toBeLessThanOrEqual(BACKOFF_CAP_MS)
    expect(Math.min(...waits)).toBeGreaterThanOrEqual(BACKOFF_FLOOR_MS)
    // Once capped, waits still spread across the range rather than sitting at the cap.
    expect(new Set(waits.slice(100)).size).toBeGreaterThan(800)
  })

  it('a Retry-After given in ms holds the item at least that long', () => {
    const item = applyOutcome(beginSending(capture(1), T0), outcomes.retryable(45_000, 429), T0)
    expect(item.nextAttemptAt).toBeGreaterThanOrEqual(T0 + 45_000)
  })

  it('a lost answer backs off like a failure, so a dropping line is not hammered', () => {
    let item: OutboxItem = capture(1)
    for (let index = 0; index < 12; index++) {
      item = applyOutcome(beginSending(item, T0), outcomes.noAnswer(), T0)
    }
    expect(item.state).toBe('unknown-outcome')
    expect(item.nextAttemptAt).toBeGreaterThanOrEqual(T0 + BACKOFF_FLOOR_MS)
    expect(item.nextAttemptAt).toBeLessThanOrEqual(T0 + BACKOFF_CAP_MS)
  })
})
