import type { Table } from 'dexie'
import { MAX_PAGE_SIZE } from '$shared/lookups'

/**
 * A downloaded list saved a page to a record rather than a row per item. Writing 50,000
 * people as rows took IndexedDB about 5 s in one strict transaction, as 50 records a fifth
 * of a second; reading 5,340 connections back took 0.3–0.5 s as rows, 0.05 s as records.
 * Nothing queries these lists through IndexedDB (people are searched in memory, connections
 * filtered in memory), so nothing is lost by giving up the rows.
 */
export interface PageRecord<T> {
  /** From 1, in the order the site listed the items. */
  page: number
  items: T[]
}

/** The size of the site's largest page, so a download is saved page for page. */
export const ITEMS_PER_RECORD = MAX_PAGE_SIZE

/** Groups items into records of ITEMS_PER_RECORD, whatever page size the site answered with. */
export function pagesOf<T>(pages: Iterable<readonly T[]>): PageRecord<T>[] {
  const records: PageRecord<T>[] = []
  let current: T[] = []
  for (const page of pages) {
    for (const item of page) {
      current.push(item)
      if (current.length === ITEMS_PER_RECORD) {
        records.push({ page: records.length + 1, items: current })
        current = []
      }
    }
  }
  if (current.length > 0) records.push({ page: records.length + 1, items: current })
  return records
}

/**
 * Every item, in page order. A record at a time (a cursor, not one getAll), so the page
 * stays responsive while tens of thousands of items are deserialized.
 */
export async function readPages<T>(table: Table<PageRecord<T>, number>): Promise<T[]> {
  const pages: T[][] = []
  await table.each((record) => {
    pages.push(record.items)
  })
  return pages.flat()
}
