import { describe, expect, it } from 'vitest'
import { OutboxTransitionError } from '$shared/outbox/outbox-transition-error'
import {
  applyOutcome,
  beginSending,
  createOutboxItem,
  recoverAfterRestart,
  restoreFromBackup,
  RESTORED_FROM_BACKUP_MESSAGE,
  retryOnReconnect
} from '$shared/outbox/outbox-transitions'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { backedUpResultOf } from '$shared/outbox/result-backup'
import { bodyFor, capture, outcomes, SITE, summaryFor, T0 } from '../support/outbox-fixtures'

const NOW = T0 + 5_000

function send(item: OutboxItem, outcome: Parameters<typeof applyOutcome>[1], now = NOW) {
  return applyOutcome(beginSending(item, now), outcome, now)
}

describe('createOutboxItem', () => {
  it('queues the captured body with no attempts and copies its connection id', () => {
    const body = bodyFor(-1)
    const item = createOutboxItem({
      id: 'a',
      idempotencyKey: 'k',
      siteKey: SITE,
      capturedBy: 'clerk',
      sequence: 3,
      capturedAt: T0,
      body,
      summary: summaryFor(body)
    })
    expect(item).toStrictEqual({
      id: 'a',
      idempotencyKey: 'k',
      siteKey: SITE,
      capturedBy: 'clerk',
      sequence: 3,
      capturedAt: T0,
      connectionId: -1,
      body,
      summary: summaryFor(body),
      state: 'queued',
      attempts: [],
      uncertain: false,
      updatedAt: T0
    })
  })
})

describe('beginSending', () => {
  it('remembers the state it left, and changes nothing else', () => {
    const waiting = send(capture(1), outcomes.retryable())
    const sending = beginSending(waiting, NOW + 10_000)
    expect(sending).toStrictEqual({ ...waiting, state: 'sending', stateBeforeSending: 'waiting' })
  })

  it('refuses an item that needs attention, with a reason the clerk can act on', () => {
    const refused = send(capture(1), outcomes.rejected())
    expect(() => beginSending(refused, NOW)).toThrow(/edit it, or choose Retry/)
  })
})

describe('applyOutcome', () => {
  it('accepted: sent with a receipt, no duplicate possible when nothing was uncertain', () => {
    const sent = send(capture(1), outcomes.accepted(4711))
    expect(sent.state).toBe('sent')
    expect(sent.receipt).toStrictEqual({ connectionCRId: 4711, at: NOW, possibleDuplicate: false })
    expect(sent.attempts).toStrictEqual([
      { at: NOW, outcome: 'accepted', status: 200, message: 'Accepted as change request 4711' }
    ])
    expect(sent).not.toHaveProperty('stateBeforeSending')
    expect(sent).not.toHaveProperty('nextAttemptAt')
  })

  it('accepted after a lost answer: a possible duplicate unless the service honoured the key', () => {
    const unsure = send(capture(1), outcomes.noAnswer())
    expect(send(unsure, outcomes.accepted(9, false)).receipt?.possibleDuplicate).toBe(true)
    expect(send(unsure, outcomes.accepted(9, true)).receipt?.possibleDuplicate).toBe(false)
  })

  it('rejected: needs attention with the status, message and field errors', () => {
    const item = send(capture(1), {
      kind: 'rejected',
      status: 400,
      message: 'The request is invalid.',
      fieldErrors: { Comment: ['Comment is too long'], '': ['Model error'], 'x.Foo': ['odd'] }
    })
    expect(item.state).toBe('needs-attention')
    expect(item.attention).toStrictEqual({
      status: 400,
      message: 'The request is invalid.',
      fieldErrors: { Comment: ['Comment is too long'], request: ['Model error', 'x.Foo: odd'] }
    })
    expect(item.attempts.at(-1)).toMatchObject({ outcome: 'rejected', status: 400 })
  })

  it.each([400, 403, 404, 409, 413, 422])('rejected %i keeps the service message', (status) => {
    const message = 'You do not have the right to create change requests for this type.'
    const item = send(capture(1), outcomes.rejected(status, message))
    expect(item.attention?.message).toBe(message)
    expect(item.attention?.status).toBe(status)
  })

  it('never leaves "failed" without a reason: an empty message gets one from the status', () => {
    const item = send(capture(1), outcomes.rejected(403, '  '))
    expect(item.attention?.message).toMatch(/lacks a right.*403/)
    expect(item.attempts.at(-1)?.message).toMatch(/lacks a right/)
  })

  it('unexpected answer: needs attention, never sent, and possibly recorded', () => {
    const item = send(capture(1), outcomes.unexpected())
    expect(item.state).toBe('needs-attention')
    expect(item.receipt).toBeUndefined()
    expect(item.uncertain).toBe(true)
    expect(item.attention?.message).toBe('The answer carried no change request number')
  })

  it('retryable: waits at least the backoff floor, and longer when Retry-After asks', () => {
    const plain = send(capture(1), outcomes.retryable())
    expect(plain.state).toBe('waiting')
    expect(plain.nextAttemptAt).toBeGreaterThanOrEqual(NOW + 500)
    expect(plain.nextAttemptAt).toBeLessThanOrEqual(NOW + 2_000)
    const asked = send(capture(1), outcomes.retryable(120_000, 429))
    expect(asked.nextAttemptAt).toBe(NOW + 120_000)
    expect(asked.attempts.at(-1)).toMatchObject({ outcome: 'retryable', status: 429 })
  })

  it('retryable without a status (the request never left) records the attempt without one', () => {
    const item = send(capture(1), outcomes.retryable(undefined, null))
    expect(item.attempts.at(-1)).toStrictEqual({
      at: NOW,
      outcome: 'retryable',
      message: 'Access ACS is busy'
    })
    expect(item.uncertain).toBe(false)
  })

  it('no answer: unknown outcome, uncertain, same key, due later', () => {
    const item = send(capture(1), outcomes.noAnswer())
    expect(item.state).toBe('unknown-outcome')
    expect(item.uncertain).toBe(true)
    expect(item.idempotencyKey).toBe('key-1')
    expect(item.nextAttemptAt).toBeGreaterThan(NOW)
  })

  it.each([outcomes.unauthorized(), outcomes.notAttempted()])(
    '$kind gives the item back exactly as it was',
    (outcome) => {
      const waiting = send(capture(1), outcomes.retryable(30_000))
      const back = applyOutcome(beginSending(waiting, NOW + 40_000), outcome, NOW + 41_000)
      expect(back).toStrictEqual(waiting)
      const queued = capture(2)
      expect(applyOutcome(beginSending(queued, NOW), outcome, NOW)).toStrictEqual(queued)
    }
  )

  it('refuses an answer for an item that was not being sent, naming its state', () => {
    const queued = capture(1)
    expect(() => applyOutcome(queued, outcomes.accepted(), NOW)).toThrow(OutboxTransitionError)
    expect(() => applyOutcome(queued, outcomes.accepted(), NOW)).toThrow(/it is queued/)
  })

  it('uncertainty survives later failures until the item is sent', () => {
    let item = send(capture(1), outcomes.noAnswer())
    item = send(item, outcomes.retryable())
    item = send(item, outcomes.rejected(409))
    expect(item.uncertain).toBe(true)
  })
})

describe('recoverAfterRestart', () => {
  it('turns an item caught sending into an uncertain, due-now resend under the same key', () => {
    const sending = beginSending(capture(1), NOW)
    const recovered = recoverAfterRestart(sending, NOW + 90_000)
    expect(recovered.state).toBe('unknown-outcome')
    expect(recovered.uncertain).toBe(true)
    expect(recovered.nextAttemptAt).toBe(NOW + 90_000)
    expect(recovered.idempotencyKey).toBe(sending.idempotencyKey)
    expect(recovered).not.toHaveProperty('stateBeforeSending')
    expect(recovered.attempts.at(-1)?.message).toMatch(/may have arrived/)
  })

  it('leaves every other item alone', () => {
    const waiting = send(capture(1), outcomes.retryable())
    expect(recoverAfterRestart(waiting, NOW + 90_000)).toBe(waiting)
  })
})

describe('restoreFromBackup', () => {
  it('brings back what was captured, as a result that may have been sent: uncertain, due now, same key', () => {
    // The copy of an item that needed attention: only what the clerk entered comes back.
    const refused = send(capture(3, 9, { comment: 'Left a message' }), outcomes.rejected())
    const restored = restoreFromBackup(backedUpResultOf(refused), NOW + 60_000)

    expect(restored).toEqual({
      ...capture(3, 9, { comment: 'Left a message' }),
      state: 'unknown-outcome',
      uncertain: true,
      nextAttemptAt: NOW + 60_000,
      attempts: [{ at: NOW + 60_000, outcome: 'no-answer', message: RESTORED_FROM_BACKUP_MESSAGE }],
      updatedAt: NOW + 60_000
    })
    expect(RESTORED_FROM_BACKUP_MESSAGE).toMatch(/may have been sent already/)
  })
})

describe('why a waiting item waits', () => {
  it('network when the try got no answer at all; server for a status or a Retry-After', () => {
    expect(send(capture(1), outcomes.retryable(undefined, null)).waitingFor).toBe('network')
    expect(send(capture(1), outcomes.retryable(undefined, 503)).waitingFor).toBe('server')
    expect(send(capture(1), outcomes.retryable(30_000, 429)).waitingFor).toBe('server')
    expect(send(capture(1), outcomes.retryable(30_000, null)).waitingFor).toBe('server')
  })

  it('follows the latest try, and leaves with the waiting state', () => {
    const offline = send(capture(1), outcomes.retryable(undefined, null))
    expect(send(offline, outcomes.retryable()).waitingFor).toBe('server')
    expect(
      send(send(capture(1), outcomes.retryable()), outcomes.retryable(undefined, null))
    ).toMatchObject({ waitingFor: 'network' })
    for (const outcome of [outcomes.accepted(), outcomes.rejected(), outcomes.noAnswer()]) {
      expect(send(offline, outcome)).not.toHaveProperty('waitingFor')
    }
    expect(recoverAfterRestart(beginSending(offline, NOW), NOW)).not.toHaveProperty('waitingFor')
    // Nothing tried: the item comes back exactly as it was, cause and all.
    expect(applyOutcome(beginSending(offline, NOW), outcomes.notAttempted(), NOW)).toStrictEqual(
      offline
    )
  })
})

describe('retryOnReconnect', () => {
  const LINE_BACK = NOW + 60_000

  it('makes an item that could not get through due at once, and changes nothing else', () => {
    let offline = capture(1)
    for (let failure = 0; failure < 12; failure++) {
      offline = send(offline, outcomes.retryable(undefined, null), NOW + failure)
    }
    expect(offline.nextAttemptAt).toBeGreaterThan(LINE_BACK)
    const { nextAttemptAt: _due, ...rest } = offline
    expect(retryOnReconnect(offline, LINE_BACK)).toStrictEqual({
      ...rest,
      nextAttemptAt: LINE_BACK
    })
  })

  it('keeps the backoff of an answer from the service and of a try that may have arrived', () => {
    const busy = send(capture(1), outcomes.retryable(600_000, 429))
    const lost = send(capture(2), outcomes.noAnswer())
    const refused = send(capture(3), outcomes.rejected())
    for (const item of [busy, lost, refused, capture(4), beginSending(capture(5), NOW)]) {
      expect(retryOnReconnect(item, LINE_BACK)).toBe(item)
    }
  })

  it('leaves an older record, whose cause is unknown, to its backoff as before', () => {
    const { waitingFor: _cause, ...older } = send(capture(1), outcomes.retryable(undefined, null))
    expect(retryOnReconnect(older, LINE_BACK)).toBe(older)
  })

  it('leaves an item already due as it is', () => {
    const offline = send(capture(1), outcomes.retryable(undefined, null))
    expect(retryOnReconnect(offline, (offline.nextAttemptAt ?? 0) + 1)).toBe(offline)
  })
})
