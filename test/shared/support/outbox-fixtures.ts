import {
  buildKeepOpen,
  buildNewConnection,
  operationOf,
  type ChangeRequest
} from '$shared/change-request'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'

/*
 * The one outbox fixture module of every project (node, browser): bodies, summaries,
 * captured items and delivery outcomes. It imports nothing from `node:` or Dexie, so the
 * component tests in Chromium use it as the state machine's tests in Node do.
 */

export const SITE = 'http://127.0.0.1:1/api_accessacs_mobile/v2#12345'
export const T0 = Date.UTC(2025, 2, 14, 9, 0, 0)

/** The date every fixture body carries: the practice site's "today" in the contract's examples. */
const FIXTURE_DATE = '03/14/2025'

/**
 * Keep-open for an existing connection. `connection` (its type, contact and family flag)
 * makes the body say which connection it means, as the app sends it when it knows.
 */
export function keepOpenBody(
  connectionId: number,
  comment = 'Left a message',
  connection?: { connectionTypeId: number; contactIndvId: number; familyConnection: boolean }
): ChangeRequest {
  const built = buildKeepOpen({
    connectionId,
    date: FIXTURE_DATE,
    comment,
    responseIds: [],
    ...(connection ? { connection } : {})
  })
  if (!built.ok) throw new Error(`fixture body is invalid: ${JSON.stringify(built.errors)}`)
  return built.body
}

/**
 * A new connection made by team 1; for individual 76 and type 1 unless told else, which is
 * valid for every practice-site user (the seed's own example).
 */
export function newConnectionBody(
  comment = 'First visit',
  {
    contactIndvId = 76,
    connectionTypeId = 1
  }: { contactIndvId?: number; connectionTypeId?: number } = {}
): ChangeRequest {
  const built = buildNewConnection({
    connectionTypeId,
    contactIndvId,
    familyConnection: false,
    assignee: { kind: 'team', teamId: 1 },
    complete: false,
    date: FIXTURE_DATE,
    comment,
    responseIds: []
  })
  if (!built.ok) throw new Error(`fixture body is invalid: ${JSON.stringify(built.errors)}`)
  return built.body
}

/** A valid body: keep-open for an existing connection, or a new connection for -1. */
export function bodyFor(connectionId: number, comment = 'Left a voicemail'): ChangeRequest {
  return connectionId === -1 ? newConnectionBody(comment) : keepOpenBody(connectionId, comment)
}

/** What the outbox lists for a result; keep-open of a first-time guest unless told else. */
export function summaryOf(
  contactName: string,
  operation: OutboxItemSummary['operation'] = 'keep-open',
  connectionTypeName = 'First-time guest'
): OutboxItemSummary {
  return { operation, contactName, connectionTypeName }
}

/** The summary the state machine's tests give every body: Ann Lee, a visitor. */
export function summaryFor(body: ChangeRequest): OutboxItemSummary {
  return summaryOf('Ann Lee', operationOf(body), 'Visitor')
}

/** Item `sequence` as captured: keep-open of `connectionId`, or a new connection for -1. */
export function capture(
  sequence: number,
  connectionId = 7,
  overrides: { siteKey?: string; capturedAt?: number; comment?: string } = {}
): OutboxItem {
  const body = bodyFor(connectionId, overrides.comment)
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
