import { describe, expect, it } from 'vitest'
import { discardItem, editItem, retryNow, sendWaitingNow } from '$shared/outbox/clerk-actions'
import type { OutboxItem, OutboxState } from '$shared/outbox/outbox-item'
import { OUTBOX_STATES } from '$shared/outbox/outbox-item'
import { OutboxTransitionError } from '$shared/outbox/outbox-transition-error'
import {
  applyOutcome,
  beginSending,
  recoverAfterRestart,
  retryOnReconnect
} from '$shared/outbox/outbox-transitions'
import { bodyFor, capture, outcomes, summaryFor, T0 } from '../support/outbox-fixtures'

const LATER = T0 + 60_000

/** One item in each state, reached through the state machine itself. */
function itemIn(state: OutboxState): OutboxItem {
  const queued = capture(1)
  const sending = beginSending(queued, T0)
  switch (state) {
    case 'queued':
      return queued
    case 'sending':
      return sending
    case 'sent':
      return applyOutcome(sending, outcomes.accepted(), T0)
    case 'waiting':
      return applyOutcome(sending, outcomes.retryable(), T0)
    case 'needs-attention':
      return applyOutcome(sending, outcomes.rejected(), T0)
    case 'unknown-outcome':
      return applyOutcome(sending, outcomes.noAnswer(), T0)
    case 'discarded':
      return discardItem(queued, T0)
  }
}

const events = {
  'begin sending': (item: OutboxItem) => beginSending(item, LATER),
  accepted: (item: OutboxItem) => applyOutcome(item, outcomes.accepted(), LATER),
  rejected: (item: OutboxItem) => applyOutcome(item, outcomes.rejected(), LATER),
  'unexpected answer': (item: OutboxItem) => applyOutcome(item, outcomes.unexpected(), LATER),
  retryable: (item: OutboxItem) => applyOutcome(item, outcomes.retryable(), LATER),
  'no answer': (item: OutboxItem) => applyOutcome(item, outcomes.noAnswer(), LATER),
  unauthorized: (item: OutboxItem) => applyOutcome(item, outcomes.unauthorized(), LATER),
  'not attempted': (item: OutboxItem) => applyOutcome(item, outcomes.notAttempted(), LATER),
  'retry now': (item: OutboxItem) => retryNow(item, LATER),
  'edit, same body': (item: OutboxItem) =>
    editItem(item, item.body, item.summary, 'renewed-key', LATER),
  'edit, new body': (item: OutboxItem) => {
    const body = bodyFor(item.connectionId, 'Spoke with her after the service')
    return editItem(item, body, summaryFor(body), 'renewed-key', LATER)
  },
  discard: (item: OutboxItem) => discardItem(item, LATER),
  'restart recovery': (item: OutboxItem) => recoverAfterRestart(item, LATER),
  'line back': (item: OutboxItem) => retryOnReconnect(item, LATER),
  'send all now': (item: OutboxItem) => sendWaitingNow(item, LATER)
} satisfies Record<string, (item: OutboxItem) => OutboxItem>

type EventName = keyof typeof events
type Expected = OutboxState | 'refused'

const refusedOutcomes = {
  accepted: 'refused',
  rejected: 'refused',
  'unexpected answer': 'refused',
  retryable: 'refused',
  'no answer': 'refused',
  unauthorized: 'refused',
  'not attempted': 'refused'
} as const

/** Every state × every event: the resulting state, or refused (typed error, item untouched). */
const table: Record<OutboxState, Record<EventName, Expected>> = {
  queued: {
    'begin sending': 'sending',
    ...refusedOutcomes,
    'retry now': 'queued',
    'edit, same body': 'queued',
    'edit, new body': 'queued',
    discard: 'discarded',
    'restart recovery': 'queued',
    'line back': 'queued',
    'send all now': 'queued'
  },
  sending: {
    'begin sending': 'refused',
    accepted: 'sent',
    rejected: 'needs-attention',
    'unexpected answer': 'needs-attention',
    retryable: 'waiting',
    'no answer': 'unknown-outcome',
    unauthorized: 'queued',
    'not attempted': 'queued',
    'retry now': 'refused',
    'edit, same body': 'refused',
    'edit, new body': 'refused',
    discard: 'refused',
    'restart recovery': 'unknown-outcome',
    'line back': 'sending',
    'send all now': 'sending'
  },
  sent: {
    'begin sending': 'refused',
    ...refusedOutcomes,
    'retry now': 'refused',
    'edit, same body': 'refused',
    'edit, new body': 'refused',
    discard: 'refused',
    'restart recovery': 'sent',
    'line back': 'sent',
    'send all now': 'sent'
  },
  waiting: {
    'begin sending': 'sending',
    ...refusedOutcomes,
    'retry now': 'waiting',
    'edit, same body': 'queued',
    'edit, new body': 'queued',
    discard: 'discarded',
    'restart recovery': 'waiting',
    'line back': 'waiting',
    'send all now': 'waiting'
  },
  'needs-attention': {
    'begin sending': 'refused',
    ...refusedOutcomes,
    'retry now': 'queued',
    'edit, same body': 'queued',
    'edit, new body': 'queued',
    discard: 'discarded',
    'restart recovery': 'needs-attention',
    'line back': 'needs-attention',
    'send all now': 'needs-attention'
  },
  'unknown-outcome': {
    'begin sending': 'sending',
    ...refusedOutcomes,
    'retry now': 'unknown-outcome',
    'edit, same body': 'queued',
    'edit, new body': 'queued',
    discard: 'discarded',
    'restart recovery': 'unknown-outcome',
    'line back': 'unknown-outcome',
    'send all now': 'unknown-outcome'
  },
  discarded: {
    'begin sending': 'refused',
    ...refusedOutcomes,
    'retry now': 'refused',
    'edit, same body': 'refused',
    'edit, new body': 'refused',
    discard: 'discarded',
    'restart recovery': 'discarded',
    'line back': 'discarded',
    'send all now': 'discarded'
  }
}

const cells = OUTBOX_STATES.flatMap((state) =>
  (Object.keys(events) as EventName[]).map((event) => ({
    state,
    event,
    expected: table[state][event]
  }))
)

describe('outbox transition table', () => {
  it('has a row for every state', () => {
    expect(Object.keys(table).sort()).toEqual([...OUTBOX_STATES].sort())
    expect(cells).toHaveLength(OUTBOX_STATES.length * Object.keys(events).length)
  })

  it.each(cells)('$state + $event → $expected', ({ state, event, expected }) => {
    const before = itemIn(state)
    expect(before.state).toBe(state)
    const snapshot = structuredClone(before)
    const run = () => events[event](before)
    if (expected === 'refused') {
      expect(run).toThrow(OutboxTransitionError)
      try {
        run()
      } catch (error) {
        expect(error).toBeInstanceOf(OutboxTransitionError)
        const refusal = error as OutboxTransitionError
        expect(refusal.from).toBe(state)
        expect(refusal.message.length).toBeGreaterThan(20)
      }
    } else {
      const after = run()
      expect(after.state).toBe(expected)
      // What identifies the item never changes.
      expect(after.id).toBe(before.id)
      expect(after.sequence).toBe(before.sequence)
      expect(after.capturedAt).toBe(before.capturedAt)
      expect(after.siteKey).toBe(before.siteKey)
    }
    // Pure: the input item is never mutated.
    expect(before).toStrictEqual(snapshot)
  })
})
