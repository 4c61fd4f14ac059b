import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Team
} from '../../../shared/lookups'
import { REFERENCE_KINDS, type DeskDatabase, type ReferenceKind } from './desk-database'

/** When each kind of reference data was fetched (ms since the epoch), or null if never. */
export type ReferenceAsOf = Record<ReferenceKind, number | null>

export interface ReferenceSnapshot {
  connectionTypes: ConnectionType[]
  responsesByType: Map<number, ConnectionResponse[]>
  teams: Team[]
  people: Individual[]
  /** The open connections. */
  connections: ConnectionDetails[]
  asOf: ReferenceAsOf
}

/** Everything cached for offline work, read in one transaction so the kinds agree. */
export async function readReference(db: DeskDatabase): Promise<ReferenceSnapshot> {
  return db.transaction(
    'r',
    [db.connectionTypes, db.responses, db.teams, db.people, db.connections, db.meta],
    async () => {
      const [connectionTypes, responses, teams, people, connections, asOf] = await Promise.all([
        db.connectionTypes.toArray(),
        db.responses.toArray(),
        db.teams.toArray(),
        db.people.toArray(),
        db.connections.toArray(),
        readAsOf(db)
      ])
      const responsesByType = new Map<number, ConnectionResponse[]>()
      for (const { ConnectionTypeId, ...response } of responses) {
        const list = responsesByType.get(ConnectionTypeId)
        if (list) list.push(response)
        else responsesByType.set(ConnectionTypeId, [response])
      }
      return { connectionTypes, responsesByType, teams, people, connections, asOf }
    }
  )
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
