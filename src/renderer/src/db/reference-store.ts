import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Person,
  Team
} from '$shared/lookups'
import {
  REFERENCE_KINDS,
  type DeskDatabase,
  type ListKey,
  type ReferenceKind,
  type ReferenceLists
} from './desk-database'
import { readPages } from './page-records'

/** When each kind of reference data was fetched (ms since the epoch), or null if never. */
export type ReferenceAsOf = Record<ReferenceKind, number | null>

/** What the connections list and the forms need first: everything but the whole directory. */
export interface WorkingSet {
  /** The signed-in user and their rights, as last fetched; null until then. */
  account: Account | null
  connectionTypes: ConnectionType[]
  responsesByType: Map<number, ConnectionResponse[]>
  teams: Team[]
  assignmentSummary: AssignmentSummary[]
  /** The user's open assignments, every type. */
  assignments: Connection[]
  asOf: ReferenceAsOf
}

/** The saved reference data but the directory, read in one transaction so the kinds agree. */
export async function readWorkingSet(db: DeskDatabase): Promise<WorkingSet> {
  return db.transaction('r', [db.lists, db.assignmentPages, db.meta], async () => {
    const [lists, assignments, asOf] = await Promise.all([
      readLists(db),
      readPages(db.assignmentPages),
      readAsOf(db)
    ])
    const responsesByType = new Map<number, ConnectionResponse[]>()
    for (const { typeId, responses } of lists.responses ?? []) {
      responsesByType.set(typeId, responses)
    }
    return {
      account: lists.account ?? null,
      connectionTypes: lists.connectionTypes ?? [],
      responsesByType,
      teams: lists.teams ?? [],
      assignmentSummary: lists.assignmentSummary ?? [],
      assignments,
      asOf
    }
  })
}

async function readLists(db: DeskDatabase): Promise<Partial<ReferenceLists>> {
  const lists: Partial<Record<ListKey, unknown>> = {}
  for (const record of await db.lists.toArray()) lists[record.key] = record.value
  return lists as Partial<ReferenceLists>
}

/** The whole saved directory, in the order the site listed it. */
export async function readPeople(db: DeskDatabase): Promise<Person[]> {
  return readPages(db.directoryPages)
}

export async function readAsOf(db: DeskDatabase): Promise<ReferenceAsOf> {
  const rows = await db.meta.bulkGet(REFERENCE_KINDS.map((kind) => `asOf:${kind}` as const))
  const asOf = {} as ReferenceAsOf
  REFERENCE_KINDS.forEach((kind, index) => {
    asOf[kind] = rows[index]?.value ?? null
  })
  return asOf
}

export const REFERENCE_MAX_AGE_MS = 24 * 60 * 60 * 1000

/** Older than a day, or some kind never fetched: the app refreshes at start and says so. */
export function isReferenceStale(asOf: ReferenceAsOf, now: number): boolean {
  return REFERENCE_KINDS.some((kind) => {
    const at = asOf[kind]
    return at === null || now - at > REFERENCE_MAX_AGE_MS
  })
}

/** The oldest as-of time, the one to show as "data as of"; null until all were fetched. */
export function oldestAsOf(asOf: ReferenceAsOf): number | null {
  let oldest: number | null = null
  for (const kind of REFERENCE_KINDS) {
    const at = asOf[kind]
    if (at === null) return null
    if (oldest === null || at < oldest) oldest = at
  }
  return oldest
}
