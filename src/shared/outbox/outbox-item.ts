import type { ChangeRequest, ChangeRequestOperation, FieldErrors } from '../change-request'
import type { FollowUp } from '../follow-up/follow-up-state'
import type { DeliveryOutcomeKind } from './delivery-outcome'

/**
 * queued: captured, not tried yet.           sending: locked, no edit.
 * sent: the service returned an id.          waiting: will retry at nextAttemptAt.
 * needs-attention: refused; clerk edits.     unknown-outcome: written, no answer; resent
 *                                            with the same Idempotency-Key.
 * discarded: the clerk threw it away (kept so the account of every item stays whole).
 */
export const OUTBOX_STATES = [
  'queued',
  'sending',
  'sent',
  'waiting',
  'needs-attention',
  'unknown-outcome',
  'discarded'
] as const
export type OutboxState = (typeof OUTBOX_STATES)[number]

/** States from which the scheduler may pick an item (once it is due and unblocked). */
export const SENDABLE_STATES: readonly OutboxState[] = ['queued', 'waiting', 'unknown-outcome']

/** States whose items have not reached the service for sure, and are not thrown away. */
export const UNSENT_STATES: readonly OutboxState[] = [
  'queued',
  'sending',
  'waiting',
  'needs-attention',
  'unknown-outcome'
]

export const WAIT_CAUSES = ['network', 'server'] as const
export type WaitCause = (typeof WAIT_CAUSES)[number]

export interface DeliveryAttempt {
  /** ms since the epoch */
  at: number
  outcome: DeliveryOutcomeKind
  status?: number
  message: string
}

/** What the lists show without looking anything up again. */
export interface OutboxItemSummary {
  operation: ChangeRequestOperation
  contactName: string
  connectionTypeName: string
  /** "Team: Greeters" or "Person: Ann Lee", when the item names one. */
  assigneeName?: string
}

export interface SentReceipt {
  connectionCRId: number
  at: number
  /** An earlier attempt may have arrived too, and the answer does not prove otherwise. */
  possibleDuplicate: boolean
}

export interface AttentionReason {
  status?: number
  message: string
  fieldErrors: FieldErrors
}

export interface OutboxItem {
  /** uuid; also the Dexie key. */
  id: string
  /** Sent as Idempotency-Key; unchanged by retries, renewed only when the clerk edits. */
  idempotencyKey: string
  /** The Access ACS site the item belongs to ("<baseUrl>#<siteNumber>"). */
  siteKey: string
  /** Who signed in when it was captured. */
  capturedBy: string
  /** Capture order within the site: strictly increasing. */
  sequence: number
  capturedAt: number
  /** Copied from body.ConnectionId, indexed for ordering. -1 for a new connection. */
  connectionId: number
  body: ChangeRequest
  summary: OutboxItemSummary
  state: OutboxState
  /** The state the item left when it became `sending`, restored when nothing was tried. */
  stateBeforeSending?: OutboxState
  /** For waiting and unknown-outcome: not before this time (ms since the epoch). */
  nextAttemptAt?: number
  /**
   * For waiting: why it waits. `network` when the last try could not get through (no answer
   * at all), so it is due again as soon as the line comes back; `server` when the service
   * answered busy or failing, whose backoff holds. Absent on records older than the field,
   * which keep their backoff as they always did.
   */
  waitingFor?: WaitCause
  /** The first attempt and the latest ones: at most MAX_KEPT_ATTEMPTS (attempt-history.ts). */
  attempts: DeliveryAttempt[]
  /** Attempts left out of `attempts` to keep the item small; absent when none were. */
  attemptsOmitted?: number
  /** Some attempt may have reached the service without our knowing. */
  uncertain: boolean
  /**
   * An uncertain attempt went out under an Idempotency-Key that an edit has since renewed,
   * so the service's idempotency cannot rule out a second record.
   */
  uncertainUnderEarlierKey?: boolean
  attention?: AttentionReason
  receipt?: SentReceipt
  /**
   * For sent items: whether Access ACS shows the change yet (src/shared/follow-up). Absent
   * until the first check; read as waiting since the receipt.
   */
  followUp?: FollowUp
  updatedAt: number
}
