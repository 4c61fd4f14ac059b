import { NEW_CONNECTION_ID, NO_ASSIGNEE, NO_RESPONSE_ID, OPEN_CATEGORY_ID } from './fields'
import { validateChangeRequest, type ChangeRequest, type FieldErrors } from './schema'

/** Who makes the contact: one person or one team, never both. */
export type Assignee = { kind: 'person'; indvId: number } | { kind: 'team'; teamId: number }

/** What the app knows of an existing connection (from the cached connection details). */
export interface KnownConnection {
  connectionTypeId: number
  contactIndvId: number
  familyConnection: boolean
}

interface ResultFields {
  /** `MM/DD/YYYY` */
  date: string
  comment: string
  /** The chosen responses; none becomes `[-1]`. */
  responseIds: readonly number[]
}

export interface ExistingConnectionResult extends ResultFields {
  connectionId: number
  connection?: KnownConnection
}

export interface NewConnectionInput extends ResultFields {
  connectionTypeId: number
  contactIndvId: number
  familyConnection: boolean
  assignee: Assignee
  /** The contact already happened: record the new connection as completed. */
  complete: boolean
}

export interface ReassignInput extends ExistingConnectionResult {
  assignee: Assignee
}

export type BuildResult = { ok: true; body: ChangeRequest } | { ok: false; errors: FieldErrors }

export function buildNewConnection(input: NewConnectionInput): BuildResult {
  return checked({
    ConnectionId: NEW_CONNECTION_ID,
    Complete: input.complete,
    ConnectionDate: input.date,
    ConnectionTypeId: input.connectionTypeId,
    FamilyConnection: input.familyConnection,
    ContactIndvId: input.contactIndvId,
    OpenCategoryId: OPEN_CATEGORY_ID,
    Reassign: false,
    ...assigneeFields(input.assignee),
    Comment: input.comment,
    ResponseIdList: responseList(input.responseIds)
  })
}

export function buildComplete(input: ExistingConnectionResult): BuildResult {
  return checked(existing(input, { Complete: true, Reassign: false }, undefined))
}

export function buildKeepOpen(input: ExistingConnectionResult): BuildResult {
  return checked(existing(input, { Complete: false, Reassign: false }, undefined))
}

export function buildReassign(input: ReassignInput): BuildResult {
  return checked(existing(input, { Complete: false, Reassign: true }, input.assignee))
}

function existing(
  input: ExistingConnectionResult,
  flags: { Complete: boolean; Reassign: boolean },
  assignee: Assignee | undefined
): Record<string, unknown> {
  const known = input.connection
  return {
    ConnectionId: input.connectionId,
    ...flags,
    ConnectionDate: input.date,
    // The contract asks for all twelve fields, with the connection's own values where known.
    ...(known && {
      ConnectionTypeId: known.connectionTypeId,
      FamilyConnection: known.familyConnection,
      ContactIndvId: known.contactIndvId
    }),
    OpenCategoryId: OPEN_CATEGORY_ID,
    ...(assignee
      ? assigneeFields(assignee)
      : { NewCallerIndvId: NO_ASSIGNEE, NewTeamId: NO_ASSIGNEE }),
    Comment: input.comment,
    ResponseIdList: responseList(input.responseIds)
  }
}

function assigneeFields(assignee: Assignee): { NewCallerIndvId: number; NewTeamId: number } {
  return assignee.kind === 'person'
    ? { NewCallerIndvId: assignee.indvId, NewTeamId: NO_ASSIGNEE }
    : { NewCallerIndvId: NO_ASSIGNEE, NewTeamId: assignee.teamId }
}

function responseList(ids: readonly number[]): number[] {
  return ids.length === 0 ? [NO_RESPONSE_ID] : [...ids]
}

function checked(body: Record<string, unknown>): BuildResult {
  const result = validateChangeRequest(body)
  if (!result.ok) return { ok: false, errors: result.errors }
  return { ok: true, body: result.value }
}
