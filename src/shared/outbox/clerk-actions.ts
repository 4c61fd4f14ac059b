import type { ChangeRequest } from '../change-request'
import type { OutboxItem, OutboxItemSummary, OutboxState } from './outbox-item'
import { refuseTransition } from './outbox-transition-error'
import { sameChangeRequest } from './same-change-request'

/**
 * What a clerk may do to an item. Pure like the delivery transitions; a refused action
 * throws OutboxTransitionError with a reason the clerk can act on.
 */

const RETRYABLE_BY_CLERK: ReadonlySet<OutboxState> = new Set([
  'queued',
  'waiting',
  'unknown-outcome',
  'needs-attention'
])
const EDITABLE: ReadonlySet<OutboxState> = RETRYABLE_BY_CLERK
const DISCARDABLE: ReadonlySet<OutboxState> = new Set([...EDITABLE, 'discarded'])

/**
 * Send as soon as possible. Waiting and unknown-outcome items keep their state (the latter
 * stays uncertain and goes out under the same key); needs-attention goes back to queued,
 * unchanged, for a clerk who believes the refusal was passing. A queued item is already due.
 */
export function retryNow(item: OutboxItem, now: number): OutboxItem {
  if (!RETRYABLE_BY_CLERK.has(item.state)) throw refuseTransition('retry', item)
  if (item.state === 'queued') return item
  if (item.state === 'needs-attention') {
    const { attention: _reason, nextAttemptAt: _due, waitingFor: _cause, ...rest } = item
    return { ...rest, state: 'queued', updatedAt: now }
  }
  return { ...item, nextAttemptAt: now, updatedAt: now }
}

const HURRIED_BY_SEND_ALL: ReadonlySet<OutboxState> = new Set(['waiting', 'unknown-outcome'])

/**
 * One item of "Send all now": an item waiting out a backoff is due now, whether it waits
 * for the line or for the service (the clerk asked), and whether or not its last try may
 * have arrived (it goes out under the same key, as with Retry now). A result that needs
 * attention waits for the clerk to look at it, and every other item is queued, out or
 * finished: those come back unchanged (the same object), as does an item already due.
 */
export function sendWaitingNow(item: OutboxItem, now: number): OutboxItem {
  if (!HURRIED_BY_SEND_ALL.has(item.state)) return item
  if (item.nextAttemptAt !== undefined && item.nextAttemptAt <= now) return item
  return retryNow(item, now)
}

/**
 * Replaces the body and queues the item again. The Idempotency-Key is renewed only when the
 * body really changed: the service refuses a different body under a used key (422), while an
 * unchanged body under the same key cannot be recorded twice. An uncertain item stays
 * uncertain, so a later receipt still warns of a possible duplicate.
 */
export function editItem(
  item: OutboxItem,
  body: ChangeRequest,
  summary: OutboxItemSummary,
  newIdempotencyKey: string,
  now: number
): OutboxItem {
  if (!EDITABLE.has(item.state)) throw refuseTransition('edit', item)
  const changed = !sameChangeRequest(item.body, body)
  const { attention: _reason, nextAttemptAt: _due, waitingFor: _cause, ...rest } = item
  return {
    ...rest,
    state: 'queued',
    body,
    summary,
    connectionId: body.ConnectionId,
    idempotencyKey: changed ? newIdempotencyKey : item.idempotencyKey,
    ...(changed && item.uncertain ? { uncertainUnderEarlierKey: true } : {}),
    updatedAt: now
  }
}

/**
 * Throws the item away for good; it stays in the outbox as `discarded` so the account of
 * every result stays whole. Discarding a discarded item changes nothing.
 */
export function discardItem(item: OutboxItem, now: number): OutboxItem {
  if (!DISCARDABLE.has(item.state)) throw refuseTransition('discard', item)
  if (item.state === 'discarded') return item
  const { nextAttemptAt: _due, waitingFor: _cause, stateBeforeSending: _before, ...rest } = item
  return { ...rest, state: 'discarded', updatedAt: now }
}
