import type { ConnectionDetails, Individual } from '../../../shared/legacy-lookups'
import type { DeskDatabase } from './desk-database'
import { namedPeopleOf } from './named-people'
import { pagesOf, readPages } from './page-records'

/**
 * Swaps the saved directory for a downloaded one, with the people the open connections
 * name and its as-of time: one transaction, so a failure keeps the old copy whole.
 */
export async function replacePeople(
  db: DeskDatabase,
  pages: readonly (readonly Individual[])[],
  asOf: number
): Promise<void> {
  const tables = [db.peoplePages, db.namedPeople, db.connectionPages, db.meta]
  await db.transaction('rw', tables, async () => {
    const connections = await readPages(db.connectionPages)
    await db.peoplePages.clear()
    await db.peoplePages.bulkPut(pagesOf(pages))
    await db.namedPeople.put(namedPeopleOf(connections, pages))
    await db.meta.put({ key: 'asOf:people', value: asOf })
  })
}

/**
 * Swaps the saved open connections for downloaded ones, with their as-of time, and finds
 * the people they name in the saved directory: one transaction, so the two always agree.
 */
export async function replaceConnections(
  db: DeskDatabase,
  pages: readonly (readonly ConnectionDetails[])[],
  asOf: number
): Promise<void> {
  const tables = [db.connectionPages, db.peoplePages, db.namedPeople, db.meta]
  await db.transaction('rw', tables, async () => {
    const people = await readPages(db.peoplePages)
    await db.connectionPages.clear()
    await db.connectionPages.bulkPut(pagesOf(pages))
    await db.namedPeople.put(namedPeopleOf(pages.flat(), [people]))
    await db.meta.put({ key: 'asOf:connections', value: asOf })
  })
}
