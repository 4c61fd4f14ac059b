import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Team
} from '../../../shared/legacy-lookups'
import { REFERENCE_KINDS, type DeskDatabase, type ReferenceKind } from './desk-database'
import { OPEN_CONNECTIONS_PEOPLE } from './named-people'
import { readPages } from './page-records'

/** When each kind of reference data was fetched (ms since the epoch), or null if never. */
export type ReferenceAsOf = Record<ReferenceKind, number | null>

/** What the connections list and the forms need first: everything but the whole directory. */
export interface WorkingSet {
  connectionTypes: ConnectionType[]
  responsesByType: Map<number, ConnectionResponse[]>
  teams: Team[]
  /** The open connections. */
  connections: ConnectionDetails[]
  /** The people the open connections name, so the list has names before the directory. */
  namedPeople: Individual[]
  asOf: ReferenceAsOf
}

/** The saved reference data but the directory, read in one transaction so the kinds agree. */
export async function readWorkingSet(db: DeskDatabase): Promise<WorkingSet> {
  return db.transaction(
    'r',
    [db.connectionTypes, db.responses, db.teams, db.connectionPages, db.namedPeople, db.meta],
    async () => {
      const [connectionTypes, responses, teams, connections, named, asOf] = await Promise.all([
        db.connectionTypes.toArray(),
        db.responses.toArray(),
        db.teams.toArray(),
        readPages(db.connectionPages),
        db.namedPeople.get(OPEN_CONNECTIONS_PEOPLE),
        readAsOf(db)
      ])
      const responsesByType = new Map<number, ConnectionResponse[]>()
      for (const { ConnectionTypeId, ...response } of responses) {
        const list = responsesByType.get(ConnectionTypeId)
        if (list) list.push(response)
        else responsesByType.set(ConnectionTypeId, [response])
      }
      return {
        connectionTypes,
        responsesByType,
        teams,
        connections,
        namedPeople: named?.people ?? [],
        asOf
      }
    }
  )
}

/** The whole saved directory, in the order the site listed it. */
export async function readPeople(db: DeskDatabase): Promise<Individual[]> {
  return readPages(db.peoplePages)
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
