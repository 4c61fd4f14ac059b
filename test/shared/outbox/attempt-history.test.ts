import { describe, expect, it } from 'vitest'
import { attemptCount, MAX_KEPT_ATTEMPTS, withAttempt } from '$shared/outbox/attempt-history'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending, recoverAfterRestart } from '$shared/outbox/outbox-transitions'
import { capture, outcomes, T0 } from '../support/outbox-fixtures'

/** The item after `failures` answers of "busy", one per minute. */
function failedTimes(failures: number): OutboxItem {
  let item = capture(1)
  for (let index = 1; index <= failures; index++) {
    const now = T0 + index * 60_000
    item = applyOutcome(beginSending(item, now), outcomes.retryable(), now)
  }
  return item
}

describe('attempt history', () => {
  it('keeps every attempt up to the limit, and counts none as left out', () => {
    const item = failedTimes(MAX_KEPT_ATTEMPTS)
    expect(item.attempts).toHaveLength(MAX_KEPT_ATTEMPTS)
    expect(item.attemptsOmitted).toBeUndefined()
    expect(attemptCount(item)).toBe(MAX_KEPT_ATTEMPTS)
  })

  it('past the limit keeps the first attempt and the latest ones, and counts the rest', () => {
    const total = MAX_KEPT_ATTEMPTS + 37
    const item = failedTimes(total)
    expect(item.attempts).toHaveLength(MAX_KEPT_ATTEMPTS)
    expect(item.attemptsOmitted).toBe(37)
    expect(attemptCount(item)).toBe(total)
    expect(item.attempts[0]?.at).toBe(T0 + 60_000)
    expect(item.attempts.at(-1)?.at).toBe(T0 + total * 60_000)
    // The kept latest attempts are consecutive: nothing between them was dropped.
    const latest = item.attempts.slice(1).map((attempt) => attempt.at)
    expect(latest).toEqual(
      Array.from(
        { length: MAX_KEPT_ATTEMPTS - 1 },
        (_, index) => T0 + (total - MAX_KEPT_ATTEMPTS + 2 + index) * 60_000
      )
    )
  })

  it('trims the attempt a restart records too', () => {
    const item = failedTimes(MAX_KEPT_ATTEMPTS)
    const now = T0 + 10_000_000
    const recovered = recoverAfterRestart(beginSending(item, now), now)
    expect(recovered.attempts).toHaveLength(MAX_KEPT_ATTEMPTS)
    expect(recovered.attemptsOmitted).toBe(1)
    expect(recovered.attempts.at(-1)?.outcome).toBe('no-answer')
  })

  it('carries the count of left-out attempts forward unchanged while under the limit', () => {
    const attempt = { at: T0, outcome: 'retryable' as const, message: 'busy' }
    expect(withAttempt({ attempts: [], attemptsOmitted: 4 }, attempt)).toEqual({
      attempts: [attempt],
      attemptsOmitted: 4
    })
  })
})
