import { DeskError } from '$shared/errors'
import type { Connection, ConnectionResponse, Person } from '$shared/lookups'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'

/**
 * How the sheets are split: one section per assignee (a person, or a team's members), one
 * per connection type, or one per volunteer, each of which starts on a page of its own so
 * it can be handed out.
 */
export type SheetGrouping = 'assignee' | 'type' | 'volunteer'

export const SHEET_GROUPINGS: ReadonlyArray<{ value: SheetGrouping; label: string }> = [
  { value: 'volunteer', label: 'One sheet per volunteer' },
  { value: 'assignee', label: 'By assignee' },
  { value: 'type', label: 'By type' }
]

export interface SheetEntry {
  number: number
  connectionId: number
  /** The contact's friendly name, as the directory gives it. */
  contactName: string
  /** The contact's phone when the directory has one, else empty. */
  phone: string
  typeName: string
  dueDate: string
  overdue: boolean
  lastComment: string
  responses: ConnectionResponse[]
}

export interface SheetGroup {
  title: string
  entries: SheetEntry[]
}

export interface CallSheets {
  churchName: string
  /** As printed: "Monday, December 7, 2026". */
  date: string
  grouping: SheetGrouping
  groups: SheetGroup[]
}

export interface SheetSource {
  personById(indvId: number): Person | undefined
  responsesFor(connectionTypeId: number): ConnectionResponse[]
}

/** The groups in print order, each with its rows in the list's order. */
export function groupRows(rows: readonly ConnectionRow[], grouping: SheetGrouping): SheetGroup[] {
  const groups = new Map<string, ConnectionRow[]>()
  for (const row of rows) {
    const title = grouping === 'type' ? row.typeName : row.assigneeName
    const list = groups.get(title)
    if (list) list.push(row)
    else groups.set(title, [row])
  }
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
  return [...groups.entries()]
    .sort(([left], [right]) => collator.compare(left, right))
    .map(([title, members]) => ({
      title,
      entries: members.map((row) => placeholderEntry(row))
    }))
}

/** The connections in the order they are printed: the order the numbers follow. */
export function printOrder(rows: readonly ConnectionRow[], grouping: SheetGrouping): number[] {
  return groupRows(rows, grouping).flatMap((group) =>
    group.entries.map((entry) => entry.connectionId)
  )
}

export interface BuildSheetsOptions {
  rows: readonly ConnectionRow[]
  grouping: SheetGrouping
  /** Connection id to its sheet number (db/sheet-numbers.ts). */
  numbers: ReadonlyMap<number, number>
  source: SheetSource
  churchName: string
  now: number
}

/** What the print view shows; every row of `rows` appears exactly once. */
export function buildCallSheets(options: BuildSheetsOptions): CallSheets {
  const byId = new Map(options.rows.map((row) => [row.connection.id, row]))
  const groups = groupRows(options.rows, options.grouping).map((group) => ({
    title: group.title,
    entries: group.entries.map((placeholder) => {
      const row = byId.get(placeholder.connectionId) as ConnectionRow
      return entryOf(row, options)
    })
  }))
  return {
    churchName: options.churchName,
    date: new Date(options.now).toLocaleDateString('en-US', {
      weekday: 'long',
      year: 'numeric',
      month: 'long',
      day: 'numeric'
    }),
    grouping: options.grouping,
    groups
  }
}

function entryOf(row: ConnectionRow, options: BuildSheetsOptions): SheetEntry {
  const connection = row.connection
  const listed = connection.contact
  const known = listed ? (options.source.personById(listed.id) ?? listed) : undefined
  const number = options.numbers.get(connection.id)
  if (number === undefined) {
    throw new DeskError(
      `The call sheet has no number for ${row.contactName}. Close the sheets and print them again.`
    )
  }
  return {
    number,
    connectionId: connection.id,
    contactName: known?.friendlyName || row.contactName,
    phone: listed?.phone || known?.phone || '',
    typeName: row.typeName,
    dueDate: row.dueDate,
    overdue: row.overdue,
    lastComment: connection.comment,
    responses: options.source.responsesFor(connection.typeId)
  }
}

function placeholderEntry(row: ConnectionRow): SheetEntry {
  return {
    number: 0,
    connectionId: row.connection.id,
    contactName: row.contactName,
    phone: '',
    typeName: row.typeName,
    dueDate: row.dueDate,
    overdue: row.overdue,
    lastComment: '',
    responses: []
  }
}

/** The ids of these connections (the open ones, whose numbers are kept). */
export function idsOf(connections: readonly Connection[]): Set<number> {
  return new Set(connections.map((connection) => connection.id))
}

/** The file name "Save as PDF" offers: "Call sheets 2026-12-07". */
export function pdfName(now: number): string {
  const day = new Date(now)
  const pad = (value: number) => String(value).padStart(2, '0')
  return `Call sheets ${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`
}
