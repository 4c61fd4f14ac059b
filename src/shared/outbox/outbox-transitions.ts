import type { ChangeRequest, FieldErrors } from '../change-request'
import { FIELD_LABELS } from '../change-request'
import { consecutiveFailures, retryDelayMs } from './backoff'
import type { DeliveryOutcome } from './delivery-outcome'
import {
  SENDABLE_STATES,
  type DeliveryAttempt,
  type OutboxItem,
  type OutboxItemSummary,
  type WaitCause
} from './outbox-item'
import { attemptCount, withAttempt } from './attempt-history'
import { refuseTransition } from './outbox-transition-error'

/**
 * The delivery half of the outbox state machine: capture, send, answer, restart. Every
 * function is pure: the time is an argument and the item is never mutated. The clerk's
 * actions live in clerk-actions.ts.
 */

export interface CaptureInput {
  id: string
  idempotencyKey: string
  siteKey: string
  capturedBy: string
  sequence: number
  capturedAt: number
  body: ChangeRequest
  summary: OutboxItemSummary
}

export function createOutboxItem(input: CaptureInput): OutboxItem {
  return {
    ...input,
    connectionId: input.body.ConnectionId,
    state: 'queued',
    attempts: [],
    uncertain: false,
    updatedAt: input.capturedAt
  }
}

/**
 * Locks the item while its request is out. `updatedAt` is left alone: the lock is not a
 * change the clerk sees, and an answer that tried nothing must give back the item unchanged.
 */
export function beginSending(item: OutboxItem, _now: number): OutboxItem {
  if (!SENDABLE_STATES.includes(item.state)) throw refuseTransition('send', item)
  return { ...item, state: 'sending', stateBeforeSending: item.state }
}

/**
 * The item's next state after one delivery answer. Throws OutboxTransitionError when the
 * item is not `sending`: an answer for an item that was not out is a bug in the caller, and
 * applying it could overwrite a clerk's edit or a receipt.
 */
export function applyOutcome(item: OutboxItem, outcome: DeliveryOutcome, now: number): OutboxItem {
  if (item.state !== 'sending') throw refuseTransition('record-outcome', item)
  if (outcome.kind === 'unauthorized' || outcome.kind === 'not-attempted') {
    // Nothing reached the service for this item: no attempt, no backoff, no new due time.
    return restoreBeforeSending(item)
  }
  const {
    stateBeforeSending: _before,
    nextAttemptAt: _due,
    waitingFor: _cause,
    attention: _reason,
    ...rest
  } = item
  const history = withAttempt(item, attemptOf(outcome, now))
  const settled = { ...rest, ...history, updatedAt: now }
  switch (outcome.kind) {
    case 'accepted': {
      const duplicateRuledOut = outcome.idempotencyHonoured && !item.uncertainUnderEarlierKey
      const receipt = {
        connectionCRId: outcome.connectionCRId,
        at: now,
        possibleDuplicate: item.uncertain && !duplicateRuledOut
      }
      return { ...settled, state: 'sent', receipt }
    }
    case 'rejected':
      return {
        ...settled,
        state: 'needs-attention',
        attention: {
          status: outcome.status,
          message: outcome.message.trim() || refusedWithoutReason(outcome.status),
          fieldErrors: toFieldErrors(outcome.fieldErrors)
        }
      }
    case 'unexpected-answer':
      return {
        ...settled,
        state: 'needs-attention',
        // A success status without an id may still have recorded the request.
        uncertain: item.uncertain || isSuccess(outcome.status),
        attention: {
          status: outcome.status,
          message: outcome.message.trim() || unexpectedWithoutReason(outcome.status),
          fieldErrors: {}
        }
      }
    case 'retryable':
      return {
        ...settled,
        state: 'waiting',
        nextAttemptAt: now + delayAfter(item.id, history, outcome.retryAfterMs),
        waitingFor: waitCauseOf(outcome)
      }
    case 'no-answer':
      return {
        ...settled,
        state: 'unknown-outcome',
        uncertain: true,
        nextAttemptAt: now + delayAfter(item.id, history, undefined)
      }
  }
}

/**
 * At start-up an item still marked `sending` was out when the app stopped. It may have
 * arrived, so it becomes `unknown-outcome` and is resent at once under the same key.
 * Items in any other state come back unchanged.
 */
export function recoverAfterRestart(item: OutboxItem, now: number): OutboxItem {
  if (item.state !== 'sending') return item
  const { stateBeforeSending: _before, waitingFor: _cause, ...rest } = item
  return mayHaveArrived(
    rest,
    'The app stopped while this result was being sent; it may have arrived.',
    now
  )
}

/** The attempt a result brought back from the backup copy carries, for the clerk to read. */
export const RESTORED_FROM_BACKUP_MESSAGE =
  "This computer's outbox was lost (its storage was found damaged when the app started), and this result was restored from the app's backup copy. It may have been sent already."

/**
 * A result the outbox lost and its backup copy kept (result-backup.ts). Whether it was sent
 * before the loss is not known, so it is treated as an answer that never came: uncertain,
 * due at once, resent under the same Idempotency-Key.
 */
export function restoreFromBackup(result: CaptureInput, now: number): OutboxItem {
  return mayHaveArrived(createOutboxItem(result), RESTORED_FROM_BACKUP_MESSAGE, now)
}

/** An item whose last try may have reached the service: uncertain, resent now, same key. */
function mayHaveArrived(item: OutboxItem, message: string, now: number): OutboxItem {
  const attempt: DeliveryAttempt = { at: now, outcome: 'no-answer', message }
  return {
    ...item,
    state: 'unknown-outcome',
    uncertain: true,
    nextAttemptAt: now,
    ...withAttempt(item, attempt),
    updatedAt: now
  }
}

/**
 * A retry with no HTTP status never reached the service (no network, refused, DNS, TLS):
 * nothing but the line stands in the way. A status or a Retry-After is the service's own
 * answer, and its backoff must hold.
 */
function waitCauseOf(outcome: Extract<DeliveryOutcome, { kind: 'retryable' }>): WaitCause {
  return outcome.status === undefined && outcome.retryAfterMs === undefined ? 'network' : 'server'
}

/**
 * The line is back: an item that waits only because its last try could not get through is
 * due now, however long its backoff had grown while the line was down. The service's own
 * answers (busy, failing, Retry-After) keep their backoff, and so does a try that may have
 * arrived. Any other item comes back unchanged (the same object).
 */
export function retryOnReconnect(item: OutboxItem, now: number): OutboxItem {
  if (item.state !== 'waiting' || item.waitingFor !== 'network') return item
  if (item.nextAttemptAt !== undefined && item.nextAttemptAt <= now) return item
  // Not a change the clerk made: updatedAt stays, the new due time is enough for a lock to
  // see that the item changed since it was listed.
  return { ...item, nextAttemptAt: now }
}

function restoreBeforeSending(item: OutboxItem): OutboxItem {
  const { stateBeforeSending, ...rest } = item
  // An item locked without a remembered state (an older record) is safest queued again.
  return { ...rest, state: stateBeforeSending ?? 'queued' }
}

function delayAfter(
  itemId: string,
  history: Pick<OutboxItem, 'attempts' | 'attemptsOmitted'>,
  retryAfterMs: number | undefined
): number {
  return retryDelayMs({
    itemId,
    attemptNumber: attemptCount(history),
    failures: consecutiveFailures(history.attempts),
    retryAfterMs
  })
}

type RecordedOutcome = Exclude<DeliveryOutcome, { kind: 'unauthorized' | 'not-attempted' }>

function attemptOf(outcome: RecordedOutcome, now: number): DeliveryAttempt {
  const status = 'status' in outcome ? outcome.status : undefined
  const message =
    outcome.kind === 'accepted'
      ? `Accepted as change request ${outcome.connectionCRId}`
      : outcome.message.trim() || fallbackMessage(outcome.kind, status)
  return { at: now, outcome: outcome.kind, ...(status === undefined ? {} : { status }), message }
}

function fallbackMessage(kind: RecordedOutcome['kind'], status: number | undefined): string {
  switch (kind) {
    case 'rejected':
      return refusedWithoutReason(status)
    case 'unexpected-answer':
      return unexpectedWithoutReason(status)
    case 'no-answer':
      return 'The request went out but no answer came back; it may have arrived.'
    default:
      return status === undefined
        ? 'Access ACS could not be reached; the result will be tried again.'
        : `Access ACS was busy or failing (HTTP ${status}); the result will be tried again.`
  }
}

function refusedWithoutReason(status: number | undefined): string {
  const reasons: Record<number, string> = {
    400: 'Access ACS found a problem in this result (HTTP 400). Check the fields and send it again.',
    403: 'Your Access ACS user lacks a right needed to send this result (HTTP 403). Ask your administrator.',
    404: 'Access ACS does not know this site or connection (HTTP 404). Check the connection.',
    409: 'Access ACS reported a conflict with this result (HTTP 409).',
    413: 'This result is too large for Access ACS (HTTP 413). Shorten the comment.',
    422: 'Access ACS refused this result (HTTP 422). Edit it and send it again.'
  }
  return (
    (status !== undefined && reasons[status]) ||
    `Access ACS refused this result${status === undefined ? '' : ` (HTTP ${status})`}.`
  )
}

function unexpectedWithoutReason(status: number | undefined): string {
  const answered =
    status === undefined ? 'Access ACS answered' : `Access ACS answered (HTTP ${status})`
  return `${answered} without a change request number, so the result is not counted as sent. Check ACS People Suite before retrying.`
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300
}

/**
 * The outcome names fields as the service did; the attention reason names our fields, and
 * anything else (a model-level error, an unknown key) is kept under `request` with its key.
 */
function toFieldErrors(raw: Record<string, string[]>): FieldErrors {
  const errors: FieldErrors = {}
  for (const [key, messages] of Object.entries(raw)) {
    const known = key === 'request' || Object.hasOwn(FIELD_LABELS, key)
    const target = (known ? key : 'request') as keyof FieldErrors
    const list = (errors[target] ??= [])
    for (const message of messages) {
      list.push(known || key === '' ? message : `${key}: ${message}`)
    }
  }
  return errors
}
