import { Dexie, type EntityTable, type Table } from 'dexie'
import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Team
} from '../../../shared/legacy-lookups'
import type { OutboxItem } from '../../../shared/outbox/outbox-item'
import type { NamedPeople } from './named-people'
import type { PageRecord } from './page-records'
import { databaseNameOf } from './site-key'
import { upgradeToPageRecords } from './upgrade-to-page-records'

/** A response of one connection type; the same response id may belong to several types. */
export interface ResponseRow extends ConnectionResponse {
  ConnectionTypeId: number
}

/** The kinds of reference data, each refreshed and dated on its own. */
export const REFERENCE_KINDS = [
  'connectionTypes',
  'responses',
  'teams',
  'people',
  'connections'
] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]

/**
 * `sequence`: the last capture number as version 1 counted it (still read, no longer written:
 * the outbox's unique sequence index keeps numbers apart); `asOf:<kind>` when a kind was fetched.
 */
export type MetaKey = 'sequence' | `asOf:${ReferenceKind}`

export interface MetaRow {
  key: MetaKey
  /** A count, or ms since the epoch. */
  value: number
}

/**
 * One site's database. Every transaction is opened with strict durability: Chromium's
 * default lets a committed transaction sit in the OS cache, and a result counts as captured
 * only when it would survive the power going out a moment later.
 */
export class DeskDatabase extends Dexie {
  outbox!: EntityTable<OutboxItem, 'id'>
  /** The people directory (page-records.ts). */
  peoplePages!: Table<PageRecord<Individual>, number>
  /** The people the open connections name (named-people.ts). */
  namedPeople!: EntityTable<NamedPeople, 'key'>
  connectionTypes!: EntityTable<ConnectionType, 'ConnectionTypeId'>
  responses!: Table<ResponseRow, [number, number]>
  teams!: EntityTable<Team, 'TeamId'>
  /** The open connections (page-records.ts). */
  connectionPages!: Table<PageRecord<ConnectionDetails>, number>
  meta!: EntityTable<MetaRow, 'key'>

  constructor(
    readonly siteKey: string,
    name: string = databaseNameOf(siteKey)
  ) {
    // No liveQuery reads these tables, so Dexie's query cache would only slow bulk writes.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' })
    this.version(1).stores({
      // receipt.at indexes only sent items: the history list reads it newest first.
      outbox: 'id, &sequence, state, connectionId, [state+nextAttemptAt], receipt.at',
      // Rows of people and connections gave way to page records in version 2.
      people: 'IndvId',
      connectionTypes: 'ConnectionTypeId',
      responses: '[ConnectionTypeId+ResponseId], ConnectionTypeId',
      teams: 'TeamId',
      connections: 'ConnectionId, ConnectionTypeId, ContactIndvId, CallerIndvId, TeamId',
      meta: 'key'
    })
    this.version(2)
      .stores({
        // Every index is rewritten with each change of an item: only what a query uses.
        outbox: 'id, &sequence, state, receipt.at',
        people: null,
        connections: null,
        peoplePages: 'page',
        connectionPages: 'page',
        namedPeople: 'key'
      })
      .upgrade(upgradeToPageRecords)
  }
}
