import {
  buildComplete,
  type ChangeRequest,
  buildKeepOpen,
  type BuildResult,
  type ExistingConnectionResult
} from '$shared/change-request'
import type { Account, ConnectionResponse, ConnectionType } from '$shared/lookups'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'

/** A bulk result closes the connections or logs an attempt; a reassignment is one by one. */
export type BulkOperation = 'complete' | 'keep-open'

export const BULK_OPERATIONS: ReadonlyArray<{ value: BulkOperation; label: string }> = [
  { value: 'complete', label: 'Complete' },
  { value: 'keep-open', label: 'Keep open' }
]

export interface Refusal {
  row: ConnectionRow
  reason: string
}

/** Which selected connections get the result, and which are left out and why. */
export interface BulkPlan {
  included: ConnectionRow[]
  refused: Refusal[]
}

export interface BulkRights {
  account: Account | null
  typeById(connectionTypeId: number): ConnectionType | undefined
}

/** Every row is either included or refused with a reason: none is dropped silently. */
export function planBulk(rows: readonly ConnectionRow[], rights: BulkRights): BulkPlan {
  const included: ConnectionRow[] = []
  const refused: Refusal[] = []
  for (const row of rows) {
    const reason = refusalOf(row, rights)
    if (reason === null) included.push(row)
    else refused.push({ row, reason })
  }
  return { included, refused }
}

function refusalOf(row: ConnectionRow, rights: BulkRights): string | null {
  if (rights.account && !rights.account.rights.mayPostChangeRequests) {
    return 'Your Access ACS rights do not let you enter results.'
  }
  if (rights.typeById(row.connection.typeId)?.mayChange === false) {
    return `You may only view ${row.typeName} connections.`
  }
  if (row.connection.mayChange === false) return 'You may only view this connection.'
  return null
}

/** The responses every selected connection's type offers (by id), in the first type's order. */
export function commonResponses(
  rows: readonly ConnectionRow[],
  responsesFor: (connectionTypeId: number) => ConnectionResponse[]
): ConnectionResponse[] {
  const [first, ...rest] = [...new Set(rows.map((row) => row.connection.typeId))]
  if (first === undefined) return []
  const others = rest.map((typeId) => new Set(responsesFor(typeId).map((response) => response.id)))
  return responsesFor(first).filter((response) => others.every((ids) => ids.has(response.id)))
}

export interface BulkFields {
  date: string
  comment: string
  responseIds: number[]
}

/** The change request for one connection, as its own result form would build it. */
export function buildBulkResult(
  row: ConnectionRow,
  operation: BulkOperation,
  fields: BulkFields
): BuildResult {
  const connection = row.connection
  const contactId = connection.contact?.id
  const input: ExistingConnectionResult = {
    connectionId: connection.id,
    ...(contactId === undefined
      ? {}
      : {
          connection: {
            connectionTypeId: connection.typeId,
            contactIndvId: contactId,
            familyConnection: connection.familyConnection
          }
        }),
    date: fields.date,
    comment: fields.comment,
    responseIds: fields.responseIds
  }
  return operation === 'complete' ? buildComplete(input) : buildKeepOpen(input)
}

export interface ReadyResult {
  row: ConnectionRow
  body: ChangeRequest
}

/** Each included connection's change request, or the problems (each said once). */
export function buildEach(
  rows: readonly ConnectionRow[],
  operation: BulkOperation,
  fields: BulkFields
): { ready: ReadyResult[]; problems: string[] } {
  const ready: ReadyResult[] = []
  const problems = new Set<string>()
  for (const row of rows) {
    const built = buildBulkResult(row, operation, fields)
    if (built.ok) ready.push({ row, body: built.body })
    else
      for (const messages of Object.values(built.errors)) messages?.forEach((m) => problems.add(m))
  }
  if (rows.length === 0) problems.add('None of these connections may take this result.')
  return { ready, problems: [...problems] }
}
