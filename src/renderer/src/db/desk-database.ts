import { Dexie, type EntityTable, type Table } from 'dexie'
import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Person,
  Team
} from '$shared/lookups'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import type { PageRecord } from './page-records'
import type { SheetNumberRecord } from './sheet-numbers'
import { databaseNameOf } from './site-key'
import { upgradeToApiRecords } from './upgrade-to-api-records'
import { upgradeToFollowUps } from './upgrade-to-follow-ups'
import { upgradeToPageRecords } from './upgrade-to-page-records'

/** The kinds of reference data, each refreshed and dated on its own. */
export const REFERENCE_KINDS = [
  'account',
  'connectionTypes',
  'responses',
  'teams',
  'assignments',
  'people'
] as const
export type ReferenceKind = (typeof REFERENCE_KINDS)[number]

/** The responses of one connection type. */
export interface TypeResponses {
  typeId: number
  responses: ConnectionResponse[]
}

/** The small lists, each kept whole in one record of `lists`. */
export interface ReferenceLists {
  account: Account
  connectionTypes: ConnectionType[]
  responses: TypeResponses[]
  teams: Team[]
  assignmentSummary: AssignmentSummary[]
}
export type ListKey = keyof ReferenceLists

export type ListRecord = { [K in ListKey]: { key: K; value: ReferenceLists[K] } }[ListKey]

/** A connection's details as fetched (CONTRACT.md: `/connections/{id}`), and when. */
export interface CachedConnection {
  id: number
  connection: Connection
  fetchedAt: number
}

/** One person's connections as fetched (all their pages), and when. */
export interface CachedPersonConnections {
  personId: number
  connections: Connection[]
  fetchedAt: number
}

/**
 * `notAppliedAfterDays`: the office's setting for "not applied yet" (follow-up-settings.ts).
 * `sequence`: the last capture number as version 1 counted it (still read, no longer written:
 * the outbox's unique sequence index keeps numbers apart); `asOf:<kind>` when a kind was fetched.
 */
export type MetaKey = 'sequence' | `asOf:${ReferenceKind}` | 'notAppliedAfterDays'

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
  /** The account, types, responses, teams and assignment summary (ReferenceLists). */
  lists!: Table<ListRecord, ListKey>
  /** The people directory (page-records.ts), as `q=%` lists it. */
  directoryPages!: Table<PageRecord<Person>, number>
  /** The user's open assignments of every type, type after type (page-records.ts). */
  assignmentPages!: Table<PageRecord<Connection>, number>
  /** Connection details fetched so far, for offline work. */
  connectionDetails!: EntityTable<CachedConnection, 'id'>
  /** People's connections fetched so far, for offline work. */
  personConnections!: EntityTable<CachedPersonConnections, 'personId'>
  meta!: EntityTable<MetaRow, 'key'>
  /** The numbers printed on call sheets, kept until their connections are closed. */
  sheetNumbers!: EntityTable<SheetNumberRecord, 'number'>

  constructor(
    readonly siteKey: string,
    name: string = databaseNameOf(siteKey)
  ) {
    // No liveQuery reads these tables, so Dexie's query cache would only slow bulk writes.
    super(name, { chromeTransactionDurability: 'strict', cache: 'disabled' })
    this.version(1).stores({
      // receipt.at indexes only sent items: the history list reads it newest first.
      outbox: 'id, &sequence, state, connectionId, [state+nextAttemptAt], receipt.at',
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
    // Version 3 reads the real Access ACS API (issue #11): the lists of the invented
    // lookups move into the app's own model; the outbox is not touched.
    this.version(3)
      .stores({
        connectionTypes: null,
        responses: null,
        teams: null,
        peoplePages: null,
        connectionPages: null,
        namedPeople: null,
        lists: 'key',
        directoryPages: 'page',
        assignmentPages: 'page',
        connectionDetails: 'id',
        personConnections: 'personId'
      })
      .upgrade(upgradeToApiRecords)
    // Version 4 (issue #14) follows sent results up: each sent item gets its follow-up,
    // waiting since its receipt, and the state is indexed for the status bar's count. It
    // also keeps the numbers of printed call sheets, in a table of their own.
    this.version(4)
      .stores({
        outbox: 'id, &sequence, state, receipt.at, followUp.state',
        sheetNumbers: 'number, connectionId'
      })
      .upgrade(upgradeToFollowUps)
  }
}
