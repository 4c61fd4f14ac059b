import type { Connection } from '$shared/lookups'
import type { CachedConnection, CachedPersonConnections, DeskDatabase } from './desk-database'

/**
 * What the clerk has looked at online, kept for offline work: connections' details and
 * people's connections, each as last fetched (with when).
 */
export async function saveConnectionDetails(
  db: DeskDatabase,
  connection: Connection,
  fetchedAt: number
): Promise<void> {
  await db.connectionDetails.put({ id: connection.id, connection, fetchedAt })
}

export function readConnectionDetails(
  db: DeskDatabase,
  connectionId: number
): Promise<CachedConnection | undefined> {
  return db.connectionDetails.get(connectionId)
}

export async function savePersonConnections(
  db: DeskDatabase,
  personId: number,
  connections: Connection[],
  fetchedAt: number
): Promise<void> {
  await db.personConnections.put({ personId, connections, fetchedAt })
}

export function readPersonConnections(
  db: DeskDatabase,
  personId: number
): Promise<CachedPersonConnections | undefined> {
  return db.personConnections.get(personId)
}
