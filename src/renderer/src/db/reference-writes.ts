import type { AssignmentSummary, Connection, Person } from '$shared/lookups'
import type { DeskDatabase, ListRecord, ReferenceKind } from './desk-database'
import { pagesOf } from './page-records'

/**
 * Swaps the saved copy of a small kind (one record of `lists`) for the new one with its
 * as-of time, in one transaction, so a failure keeps the old copy whole.
 */
export async function replaceList(
  db: DeskDatabase,
  kind: Exclude<ReferenceKind, 'assignments' | 'people'>,
  record: ListRecord,
  asOf: number
): Promise<void> {
  await db.transaction('rw', db.lists, db.meta, async () => {
    await db.lists.put(record)
    await db.meta.put({ key: `asOf:${kind}`, value: asOf })
  })
}

/** Swaps the saved directory for a downloaded one, with its as-of time: one transaction. */
export async function replacePeople(
  db: DeskDatabase,
  pages: readonly (readonly Person[])[],
  asOf: number
): Promise<void> {
  await db.transaction('rw', db.directoryPages, db.meta, async () => {
    await db.directoryPages.clear()
    await db.directoryPages.bulkPut(pagesOf(pages))
    await db.meta.put({ key: 'asOf:people', value: asOf })
  })
}

/**
 * Swaps the saved assignments (the summary and every type's pages, type after type) for
 * downloaded ones, with their as-of time: one transaction, so the two always agree.
 */
export async function replaceAssignments(
  db: DeskDatabase,
  summary: AssignmentSummary[],
  pages: readonly (readonly Connection[])[],
  asOf: number
): Promise<void> {
  await db.transaction('rw', [db.assignmentPages, db.lists, db.meta], async () => {
    await db.assignmentPages.clear()
    await db.assignmentPages.bulkPut(pagesOf(pages))
    await db.lists.put({ key: 'assignmentSummary', value: summary })
    await db.meta.put({ key: 'asOf:assignments', value: asOf })
  })
}
