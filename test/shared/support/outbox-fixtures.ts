import {
  buildKeepOpen,
  buildNewConnection,
  operationOf,
  type ChangeRequest
} from '../../../src/shared/change-request'
import type { DeliveryOutcome } from '../../../src/shared/outbox/delivery-outcome'
import type { OutboxItem, OutboxItemSummary } from '../../../src/shared/outbox/outbox-item'
import { createOutboxItem } from '../../../src/shared/outbox/outbox-transitions'

export const SITE = 'http://127.0.0.1:1/api_accessacs_mobile/v2#12345'
export const T0 = Date.UTC(2025, 2, 14, 9, 0, 0)

/** A valid body: keep-open for an existing connection, or a new connection for -1. */
export function bodyFor(connectionId: number, comment = 'Left a voicemail'): ChangeRequest {
  const built =
    connectionId === -1
      ? buildNewConnection({
          connectionTypeId: 1,
          contactIndvId: 76,
          familyConnection: false,
          assignee: { kind: 'team', teamId: 1 },
          complete: false,
          date: '03/14/2025',
          comment,
          responseIds: []
        })
      : buildKeepOpen({ connectionId, date: '03/14/2025', comment, responseIds: [] })
  if (!built.ok) throw new Error(`fixture body is invalid: ${JSON.stringify(built.errors)}`)
  return built.body
}

export function summaryFor(body: ChangeRequest): OutboxItemSummary {
  return { operation: operationOf(body), contactName: 'Ann Lee', connectionTypeName: 'Visitor' }
}

export function capture(
  sequence: number,
  connectionId = 7,
  overrides: { siteKey?: string; capturedAt?: number } = {}
): OutboxItem {
  const body = bodyFor(connectionId)
  return createOutboxItem({
    id: `item-${sequence}`,
    idempotencyKey: `key-${sequence}`,
    siteKey: overrides.siteKey ?? SITE,
    capturedBy: 'clerk',
    sequence,
    capturedAt: overrides.capturedAt ?? T0 + sequence,
    body,
    summary: summaryFor(body)
  })
}

export const outcomes = {
  accepted: (connectionCRId = 4711, idempotencyHonoured = false): DeliveryOutcome => ({
    kind: 'accepted',
    connectionCRId,
    status: 200,
    idempotencyHonoured
  }),
  rejected: (status = 400, message = 'The connection is closed.'): DeliveryOutcome => ({
    kind: 'rejected',
    status,
    message,
    fieldErrors: {}
  }),
  unexpected: (): DeliveryOutcome => ({
    kind: 'unexpected-answer',
    status: 200,
    message: 'The answer carried no change request number'
  }),
  retryable: (retryAfterMs?: number, status: number | null = 503): DeliveryOutcome => ({
    kind: 'retryable',
    message: 'Access ACS is busy',
    ...(status === null ? {} : { status }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs })
  }),
  noAnswer: (): DeliveryOutcome => ({ kind: 'no-answer', message: 'The connection dropped' }),
  unauthorized: (): DeliveryOutcome => ({ kind: 'unauthorized', message: 'Sign in again' }),
  notAttempted: (): DeliveryOutcome => ({ kind: 'not-attempted', message: 'Paused' })
}
