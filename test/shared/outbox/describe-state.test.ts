import { describe, expect, it } from 'vitest'
import { discardItem } from '$shared/outbox/clerk-actions'
import { blockedBy } from '$shared/outbox/delivery-order'
import { describeState, localClockTime } from '$shared/outbox/describe-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { capture, outcomes, T0 } from '../support/outbox-fixtures'

function after(item: OutboxItem, outcome: Parameters<typeof applyOutcome>[1]) {
  return applyOutcome(beginSending(item, T0), outcome, T0)
}

const at10h42 = new Date(2025, 2, 14, 10, 42).getTime()

describe('describeState', () => {
  it('puts every state in plain words', () => {
    const waiting = { ...after(capture(1), outcomes.retryable()), nextAttemptAt: at10h42 }
    expect(describeState(capture(1))).toBe('Queued')
    expect(describeState(beginSending(capture(1), T0))).toBe('Sending')
    expect(describeState(waiting)).toBe('Waiting to send — next try 10:42')
    expect(describeState(after(capture(1), outcomes.noAnswer()))).toBe(
      'Not sure it arrived — will resend safely'
    )
    expect(describeState(after(capture(1), outcomes.rejected(403, 'You lack the right.')))).toBe(
      'Needs your attention: You lack the right.'
    )
    expect(describeState(after(capture(1), outcomes.accepted(4711)))).toBe(
      'Sent — change request 4711'
    )
    expect(describeState(discardItem(capture(1), T0))).toBe('Discarded')
  })

  it('warns when a receipt may be a duplicate', () => {
    const sent = after(after(capture(1), outcomes.noAnswer()), outcomes.accepted(12))
    expect(describeState(sent)).toMatch(/^Sent — change request 12 \(.*duplicate/)
  })

  it('says the queue is paused for items waiting to go, not for finished ones', () => {
    expect(describeState(capture(1), { paused: true })).toBe('Paused: sign in again')
    expect(describeState(after(capture(1), outcomes.retryable()), { paused: true })).toBe(
      'Paused: sign in again'
    )
    expect(describeState(after(capture(1), outcomes.noAnswer()), { paused: true })).toMatch(
      /^Paused: sign in again — not sure/
    )
    expect(describeState(after(capture(1), outcomes.accepted(3)), { paused: true })).toBe(
      'Sent — change request 3'
    )
  })

  it('gives the blocker’s reason for a held-back item', () => {
    const items = [after(capture(1), outcomes.rejected()), capture(2)]
    const blocker = blockedBy(capture(2), items)
    expect(describeState(capture(2), blocker ? { blocker } : {})).toBe(
      'Waiting for an earlier result for this connection, which needs your attention'
    )
  })

  it('uses the formatter it is given', () => {
    const waiting = { ...after(capture(1), outcomes.retryable()), nextAttemptAt: 0 }
    expect(describeState(waiting, { formatTime: () => 'tomorrow 08:00' })).toBe(
      'Waiting to send — next try tomorrow 08:00'
    )
    expect(localClockTime(new Date(2025, 0, 2, 7, 5).getTime())).toBe('07:05')
  })
})
