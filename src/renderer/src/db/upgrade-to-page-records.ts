import type { Transaction } from 'dexie'
import type { ConnectionDetails, Individual } from '../../../shared/legacy-lookups'
import { namedPeopleOf, type NamedPeople } from './named-people'
import { pagesOf, type PageRecord } from './page-records'

/**
 * Version 1 to 2: the people and the open connections move from rows into page records,
 * and the people the connections name are saved beside them. An office that upgrades
 * offline keeps both lists, and their as-of times (in meta, untouched) stay true.
 */
export async function upgradeToPageRecords(transaction: Transaction): Promise<void> {
  const people = await transaction.table<Individual, number>('people').toArray()
  const connections = await transaction.table<ConnectionDetails, number>('connections').toArray()
  await transaction.table<PageRecord<Individual>, number>('peoplePages').bulkAdd(pagesOf([people]))
  await transaction
    .table<PageRecord<ConnectionDetails>, number>('connectionPages')
    .bulkAdd(pagesOf([connections]))
  await transaction
    .table<NamedPeople, string>('namedPeople')
    .put(namedPeopleOf(connections, [people]))
}
