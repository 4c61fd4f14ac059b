import { connectionDateOrdinal } from '$shared/change-request'
import type { Connection, ConnectionType, Person } from '$shared/lookups'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { displayName } from '../search/display-name'
import { nameTokens } from '../search/normalize-name'
import { personNamed } from '../search/person-text'
import { contactNameOf, teamMembersText } from './connection-names'

/** A connection as the lists and the form headers show it. */
export interface ConnectionRow {
  connection: Connection
  contactName: string
  typeName: string
  /** The type's colour (a CSS colour from the service), or empty. */
  colour: string
  /** The team members assigned ("Ann Lee, Bob Stone"), or "Unassigned". */
  assigneeName: string
  /** `MM/DD/YYYY`, or empty. */
  dueDate: string
  overdue: boolean
  /** The last comment, from the connection's details once fetched; empty before. */
  lastComment: string
  /** Results for this connection still wait in the outbox. */
  unsentCount: number
}

/** What a row is built from: the reference data, the details fetched so far, the outbox. */
export interface RowContext {
  /** The directory, for a contact the answer named by id only. */
  personById(indvId: number): Person | undefined
  typeById(connectionTypeId: number): ConnectionType | undefined
  /** The connection's details as last fetched (fresher than a list's item), if ever. */
  detailsOf?(connectionId: number): Connection | undefined
  /** The clerk's calendar day (local-day.ts): due before it is overdue. */
  today: number
}

/**
 * A row with what filtering and sorting need, and without the unsent count: that changes
 * with every save and every delivered batch, so the list adds it after sorting.
 */
export interface JoinedRow extends Omit<ConnectionRow, 'unsentCount'> {
  contactWords: string[]
  dueOrdinal: number | undefined
}

/**
 * The row of any connection the app holds (an assignment, a person's connection, details):
 * named by the service's friendly name (or goes-by and last name), with its team members,
 * due date and last comment. An assignment names no comment: the details do, once fetched.
 */
export function joinRow(connection: Connection, context: RowContext): JoinedRow {
  const details = context.detailsOf?.(connection.id)
  const contact = connection.contact ?? details?.contact ?? undefined
  // The directory only for a contact the answer did not name: a list whose contacts all
  // have names does not depend on it, so it is not joined again when it arrives.
  const known =
    contact && !displayName(contact) ? (context.personById(contact.id) ?? contact) : contact
  const contactName = contactNameOf(known)
  const members =
    connection.teamMembers.length > 0 ? connection.teamMembers : (details?.teamMembers ?? [])
  const dueDate = connection.dueDate || details?.dueDate || ''
  const dueOrdinal = connectionDateOrdinal(dueDate)
  const type = context.typeById(connection.typeId)
  return {
    connection,
    contactName,
    contactWords: known
      ? nameTokens(`${known.firstName} ${known.goesByName} ${known.lastName} ${contactName}`)
      : nameTokens(contactName),
    typeName: type?.name || connection.typeName || `Type ${connection.typeId}`,
    colour: connection.colour || details?.colour || type?.colour || '',
    assigneeName: teamMembersText(members),
    dueDate,
    dueOrdinal,
    overdue: dueOrdinal !== undefined && dueOrdinal < context.today,
    lastComment: details?.comment || connection.comment
  }
}

/** joinRow without what only filtering and sorting need, with the unsent count. */
export function rowOfConnection(
  connection: Connection,
  context: RowContext & { unsentCountFor(connectionId: number): number }
): ConnectionRow {
  const { contactWords: _words, dueOrdinal: _due, ...row } = joinRow(connection, context)
  return { ...row, unsentCount: context.unsentCountFor(connection.id) }
}

/**
 * The row of an unsent result whose connection has left the cache (closed since): built
 * from what the result itself recorded, so the clerk can still open and change it.
 */
export function rowOfUnsentItem(item: OutboxItem, unsentCount: number): ConnectionRow {
  const body = item.body
  const contactId = body.ContactIndvId ?? 0
  return {
    connection: {
      id: item.connectionId,
      typeId: body.ConnectionTypeId ?? 0,
      typeName: item.summary.connectionTypeName,
      colour: '',
      contact: contactId > 0 ? personNamed(contactId, item.summary.contactName) : null,
      familyConnection: body.FamilyConnection ?? false,
      familyId: null,
      dateCreated: '',
      dueDate: '',
      completed: false,
      comment: '',
      contactType: '',
      responses: [],
      teamMembers: [],
      mayChange: null
    },
    contactName: item.summary.contactName,
    typeName: item.summary.connectionTypeName,
    colour: '',
    assigneeName: item.summary.assigneeName ?? 'Unassigned',
    dueDate: '',
    overdue: false,
    lastComment: '',
    unsentCount
  }
}
