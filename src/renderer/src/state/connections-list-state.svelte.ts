import type { Connection, ConnectionType, Person } from '$shared/lookups'
import { nameTokens } from '../search/normalize-name'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import {
  joinRow,
  rowOfConnection,
  rowOfUnsentItem,
  type ConnectionRow,
  type JoinedRow
} from './connection-row'
import { localDayOrdinal } from './local-day'

export type { ConnectionRow } from './connection-row'

/** What the list reads from the reference data (ReferenceState in the app). */
export interface ConnectionsSource {
  /** The open assignments, with their contacts and team members. */
  readonly connections: readonly Connection[]
  /** The directory, for a contact the answer named by id only. */
  personById(indvId: number): Person | undefined
  typeById(connectionTypeId: number): ConnectionType | undefined
  /** Any cached connection (an assignment, a person's connection, details), by id. */
  connectionById(connectionId: number): Connection | undefined
}

/** What the list reads from the outbox (OutboxState in the app). */
export interface UnsentSource {
  unsentCountFor(connectionId: number): number
}

/** The details fetched so far (DetailsMemory in the app): the rows' last comments. */
export interface DetailsSource {
  detailsOf(connectionId: number): Connection | undefined
}

export interface ConnectionFilters {
  connectionTypeId: number | null
  /** A person among those assigned to make the contact. */
  callerIndvId: number | null
  overdueOnly: boolean
  /** Words matched against the contact's names. */
  search: string
}

export type ConnectionSortKey = 'dueDate' | 'contact' | 'type' | 'assignee'

export interface ConnectionSort {
  key: ConnectionSortKey
  direction: 'ascending' | 'descending'
}

const NO_FILTERS: ConnectionFilters = {
  connectionTypeId: null,
  callerIndvId: null,
  overdueOnly: false,
  search: ''
}

/**
 * The open assignments as the clerk works through them: named, filtered, searched by
 * contact name, sorted, and marked when results for them still wait in the outbox. "Overdue" is a due date before the clerk's today; `setToday`
 * moves that day on (the screen calls it when the date changes).
 */
export class ConnectionsListState {
  #filters = $state.raw<ConnectionFilters>(NO_FILTERS)
  #sort = $state.raw<ConnectionSort>({ key: 'dueDate', direction: 'ascending' })
  #today = $state(0)
  #joined = $derived.by(() => this.#join())
  #sorted = $derived.by(() => this.#filterAndSort(this.#joined))
  // The unsent count is added last: it changes with every save and every delivered batch,
  // and naming and sorting thousands of rows again for it took a clerk's save past a frame.
  #rows = $derived.by(() =>
    this.#sorted.map(({ contactWords: _words, dueOrdinal: _due, ...row }): ConnectionRow => ({
      ...row,
      unsentCount: this.#unsent.unsentCountFor(row.connection.id)
    }))
  )

  readonly #source: ConnectionsSource
  readonly #unsent: UnsentSource
  readonly #details: DetailsSource | undefined

  constructor(
    source: ConnectionsSource,
    unsent: UnsentSource,
    now: number = Date.now(),
    details?: DetailsSource
  ) {
    this.#source = source
    this.#unsent = unsent
    this.#details = details
    this.setToday(now)
  }

  /** The open connections after filters, search and sort. */
  get rows(): ConnectionRow[] {
    return this.#rows
  }

  /** How many open connections there are before filtering. */
  get totalCount(): number {
    return this.#joined.length
  }

  get filters(): ConnectionFilters {
    return this.#filters
  }

  get sort(): ConnectionSort {
    return this.#sort
  }

  get filtered(): boolean {
    const filters = this.#filters
    return (
      filters.connectionTypeId !== null ||
      filters.callerIndvId !== null ||
      filters.overdueOnly ||
      filters.search.trim() !== ''
    )
  }

  setTypeFilter(connectionTypeId: number | null): void {
    this.#filters = { ...this.#filters, connectionTypeId }
  }

  setCallerFilter(callerIndvId: number | null): void {
    this.#filters = { ...this.#filters, callerIndvId }
  }

  setOverdueOnly(overdueOnly: boolean): void {
    this.#filters = { ...this.#filters, overdueOnly }
  }

  setSearch(search: string): void {
    this.#filters = { ...this.#filters, search }
  }

  clearFilters(): void {
    this.#filters = NO_FILTERS
  }

  /** Sorts by the key; choosing the current key again reverses the direction. */
  sortBy(key: ConnectionSortKey): void {
    const current = this.#sort
    this.#sort =
      current.key === key
        ? { key, direction: current.direction === 'ascending' ? 'descending' : 'ascending' }
        : { key, direction: 'ascending' }
  }

  /** The clerk's calendar day (local-day.ts), for what is overdue. */
  get today(): number {
    return this.#today
  }

  setToday(now: number): void {
    this.#today = localDayOrdinal(now)
  }

  /**
   * The row a result form works on. The list's own row when it shows the connection; else
   * one built from the cached connection (filtered out of the list); else, for an unsent
   * item whose connection has left the cache (closed since), from what the item recorded.
   */
  rowFor(connectionId: number, now: number, item?: OutboxItem): ConnectionRow | null {
    const listed = this.#rows.find((row) => row.connection.id === connectionId)
    if (listed) return listed
    const cached = this.#source.connectionById(connectionId)
    if (cached) return this.rowOf(cached, now)
    return item ? rowOfUnsentItem(item, this.#unsent.unsentCountFor(connectionId)) : null
  }

  /** A row for any connection the app holds, joined as the list joins its own. */
  rowOf(connection: Connection, now: number): ConnectionRow {
    const source = this.#source
    const details = this.#details
    return rowOfConnection(connection, {
      personById: (indvId) => source.personById(indvId),
      typeById: (typeId) => source.typeById(typeId),
      ...(details ? { detailsOf: (id: number) => details.detailsOf(id) } : {}),
      unsentCountFor: (id) => this.#unsent.unsentCountFor(id),
      today: localDayOrdinal(now)
    })
  }

  #join(): JoinedRow[] {
    const source = this.#source
    const details = this.#details
    const context = {
      personById: (indvId: number) => source.personById(indvId),
      typeById: (typeId: number) => source.typeById(typeId),
      ...(details ? { detailsOf: (id: number) => details.detailsOf(id) } : {}),
      today: this.#today
    }
    return source.connections.map((connection) => joinRow(connection, context))
  }

  #filterAndSort(joined: readonly JoinedRow[]): JoinedRow[] {
    const filters = this.#filters
    const wanted = nameTokens(filters.search)
    const kept = joined.filter(
      (row) =>
        (filters.connectionTypeId === null || row.connection.typeId === filters.connectionTypeId) &&
        (filters.callerIndvId === null ||
          row.connection.teamMembers.some((member) => member.id === filters.callerIndvId)) &&
        (!filters.overdueOnly || row.overdue) &&
        wanted.every((term) => row.contactWords.some((word) => word.startsWith(term)))
    )
    const { key, direction } = this.#sort
    const sign = direction === 'ascending' ? 1 : -1
    kept.sort(
      (left, right) =>
        undatedLast(key, left, right) ||
        sign * compareBy(key, left, right) ||
        byContact(left, right)
    )
    return kept
  }
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

function compareBy(key: ConnectionSortKey, left: JoinedRow, right: JoinedRow): number {
  switch (key) {
    case 'dueDate':
      return (left.dueOrdinal ?? 0) - (right.dueOrdinal ?? 0)
    case 'contact':
      return byContact(left, right)
    case 'type':
      return collator.compare(left.typeName, right.typeName)
    case 'assignee':
      return collator.compare(left.assigneeName, right.assigneeName)
  }
}

/** By due date, either way, connections without one come after every dated one. */
function undatedLast(key: ConnectionSortKey, left: JoinedRow, right: JoinedRow): number {
  if (key !== 'dueDate') return 0
  const leftUndated = left.dueOrdinal === undefined
  const rightUndated = right.dueOrdinal === undefined
  return leftUndated === rightUndated ? 0 : leftUndated ? 1 : -1
}

function byContact(left: JoinedRow, right: JoinedRow): number {
  return (
    collator.compare(left.contactName, right.contactName) ||
    left.connection.id - right.connection.id
  )
}
