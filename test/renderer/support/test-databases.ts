import { Dexie } from 'dexie'
import { DeskDatabase } from '$renderer/db/desk-database'

/** A site key no other test uses, so each test gets its own database. */
export function uniqueSiteKey(siteNumber = 12345): string {
  return `https://test-${crypto.randomUUID()}.example/api_accessacs_mobile/v2#${siteNumber}`
}

/** Opens a fresh database; the returned cleanup closes and deletes it. */
export async function freshDatabase(
  siteKey = uniqueSiteKey()
): Promise<{ db: DeskDatabase; cleanup: () => Promise<void> }> {
  const db = new DeskDatabase(siteKey)
  await db.open()
  return { db, cleanup: () => deleteDatabase(db) }
}

/**
 * Closes, lets the last read transaction finish (deleting during one logs "blocked"), and
 * deletes.
 */
export async function deleteDatabase(db: Dexie): Promise<void> {
  db.close()
  await new Promise((resolve) => setTimeout(resolve, 0))
  await Dexie.delete(db.name)
}

/** The app's schema at database version 3, before follow-ups (version 4): for upgrade tests. */
export const VERSION_3_STORES = {
  outbox: 'id, &sequence, state, receipt.at',
  meta: 'key',
  lists: 'key',
  directoryPages: 'page',
  assignmentPages: 'page',
  connectionDetails: 'id',
  personConnections: 'personId'
}
