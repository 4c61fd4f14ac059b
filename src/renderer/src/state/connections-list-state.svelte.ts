import { connectionDateOrdinal } from '../../../shared/change-request'
import type { Connection, ConnectionType, Person } from '../../../shared/lookups'
import { displayName } from '../search/display-name'
import { contactNameOf, teamMembersText } from './connection-names'
import { nameTokens } from '../search/normalize-name'
import { localDayOrdinal } from './local-day'

/** What the list reads from the reference data (ReferenceState in the app). */
export interface ConnectionsSource {
  /** The open assignments, with their contacts and team members. */
  readonly connections: readonly Connection[]
  /** The directory, for a contact the answer named by id only. */
  personById(indvId: number): Person | undefined
  typeById(connectionTypeId: number): ConnectionType | undefined
}

/** What the list reads from the outbox (OutboxState in the app). */
export interface UnsentSource {
  unsentCountFor(connectionId: number): number
}

export interface ConnectionRow {
  connection: Connection
  contactName: string
  typeName: string
  /** The team members assigned ("Ann Lee, Bob Stone"), or "Unassigned". */
  assigneeName: string
  /** `MM/DD/YYYY`, or empty. */
  dueDate: string
  overdue: boolean
  /** Results for this connection still wait in the outbox. */
  unsentCount: number
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

/**
 * A row with what filtering and sorting need, dropped before the screen sees it. The unsent
 * count is added last: it changes with every save and every delivered batch, and naming and
 * sorting thousands of rows again for it took a clerk's save past a frame.
 */
interface JoinedRow extends Omit<ConnectionRow, 'unsentCount'> {
  contactWords: string[]
  dueOrdinal: number | undefined
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
  #rows = $derived.by(() =>
    this.#sorted.map(({ contactWords: _words, dueOrdinal: _due, ...row }) => ({
      ...row,
      unsentCount: this.#unsent.unsentCountFor(row.connection.id)
    }))
  )

  readonly #source: ConnectionsSource
  readonly #unsent: UnsentSource

  constructor(source: ConnectionsSource, unsent: UnsentSource, now: number = Date.now()) {
    this.#source = source
    this.#unsent = unsent
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

  setToday(now: number): void {
    this.#today = localDayOrdinal(now)
  }

  #join(): JoinedRow[] {
    const source = this.#source
    const today = this.#today
    return source.connections.map((connection) => {
      const contact = connection.contact ?? undefined
      // The directory only for a contact the answer did not name: a list whose contacts all
      // have names does not depend on it, so it is not joined again when it arrives.
      const known =
        contact && !displayName(contact) ? (source.personById(contact.id) ?? contact) : contact
      const contactName = contactNameOf(known)
      const dueOrdinal = connectionDateOrdinal(connection.dueDate)
      return {
        connection,
        contactName,
        contactWords: known
          ? nameTokens(`${known.firstName} ${known.goesByName} ${known.lastName} ${contactName}`)
          : nameTokens(contactName),
        typeName:
          source.typeById(connection.typeId)?.name ||
          connection.typeName ||
          `Type ${connection.typeId}`,
        assigneeName: teamMembersText(connection.teamMembers),
        dueDate: connection.dueDate,
        dueOrdinal,
        overdue: dueOrdinal !== undefined && dueOrdinal < today
      }
    })
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
