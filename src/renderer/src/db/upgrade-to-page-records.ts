import type { Transaction } from 'dexie'
import type { LegacyConnectionRow, LegacyPersonRow } from './legacy-rows'

/** Version 2's page records held up to this many items. */
const VERSION_2_RECORD_SIZE = 1000

/**
 * Version 1 to 2: the people and the open connections moved from rows into page records.
 * Version 3 reads them from there (upgrade-to-api-records.ts); the people the connections
 * named, which version 2 also kept, are no longer needed and are not written.
 */
export async function upgradeToPageRecords(transaction: Transaction): Promise<void> {
  const people = await transaction.table<LegacyPersonRow, number>('people').toArray()
  const connections = await transaction.table<LegacyConnectionRow, number>('connections').toArray()
  await transaction.table('peoplePages').bulkAdd(recordsOf(people))
  await transaction.table('connectionPages').bulkAdd(recordsOf(connections))
}

function recordsOf<T>(items: readonly T[]): Array<{ page: number; items: T[] }> {
  const records: Array<{ page: number; items: T[] }> = []
  for (let start = 0; start < items.length; start += VERSION_2_RECORD_SIZE) {
    records.push({
      page: records.length + 1,
      items: items.slice(start, start + VERSION_2_RECORD_SIZE)
    })
  }
  return records
}
