import { expect } from 'vitest'
import { validateChangeRequest, type ChangeRequest, type FieldErrors } from '$shared/change-request'

/** The seed's example body: a new connection for individual 76, made by team 1. */
export const SEED_EXAMPLE = {
  ConnectionId: -1,
  Complete: false,
  ConnectionDate: '06/05/2015',
  ConnectionTypeId: 1,
  FamilyConnection: false,
  ContactIndvId: 76,
  OpenCategoryId: 1,
  Reassign: false,
  NewCallerIndvId: -1,
  NewTeamId: 1,
  Comment: 'Test',
  ResponseIdList: [-1]
} as const

/**
 * A complete body for connection `connectionId` that names its connection (type 1, individual
 * 76), as the app sends "Complete": the wire form the bridge and the scheduler carry.
 */
export function completeBody(connectionId: number): ChangeRequest {
  return {
    ...SEED_EXAMPLE,
    ConnectionId: connectionId,
    Complete: true,
    ConnectionDate: '03/14/2025',
    NewTeamId: -1,
    Comment: '',
    ResponseIdList: [-1]
  }
}

/** The minimal bodies of the operations on an existing connection (the eight required fields). */
export const COMPLETE = {
  ConnectionId: 4711,
  Complete: true,
  ConnectionDate: '06/05/2015',
  Reassign: false,
  NewCallerIndvId: -1,
  NewTeamId: -1,
  Comment: 'Visited at home',
  ResponseIdList: [101, 103]
} as const

export const KEEP_OPEN = { ...COMPLETE, Complete: false, Comment: 'No answer' } as const

export const REASSIGN = {
  ...COMPLETE,
  Complete: false,
  Reassign: true,
  NewCallerIndvId: 76,
  Comment: 'Over to Mary'
} as const

export type Body = Record<string, unknown>

export function without(body: Body, field: string): Body {
  const copy = { ...body }
  delete copy[field]
  return copy
}

export function expectAccepted(body: unknown): void {
  const result = validateChangeRequest(body)
  expect(result.ok ? 'accepted' : result.errors).toBe('accepted')
}

/** Rejected, with `message` (when given) among the messages for `field`. */
export function expectRejected(body: unknown, field: string, message?: string): FieldErrors {
  const result = validateChangeRequest(body)
  if (result.ok) throw new Error(`expected a rejection naming ${field}, got acceptance`)
  const messages = result.errors[field as keyof FieldErrors]
  expect(messages, `errors ${JSON.stringify(result.errors)} should name ${field}`).toBeDefined()
  if (message !== undefined) expect(messages).toContain(message)
  return result.errors
}
