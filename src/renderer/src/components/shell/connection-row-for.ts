import type { Connection } from '../../../../shared/lookups'
import type { OutboxItem } from '../../../../shared/outbox/outbox-item'
import { rowOfConnection } from '../../state/connection-row'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'
import { localDayOrdinal } from '../../state/local-day'
import type { SiteStates } from '../../state/site-states'
import { personNamed } from '../forms/fields/person-text'

/**
 * The row a result form works on. The list's own row when it shows the connection; else
 * one built from the cached connection (filtered out of the list); else, for an unsent item
 * whose connection has left the cache (closed since), from what the item itself recorded.
 */
export function connectionRowFor(
  site: Pick<SiteStates, 'connections' | 'reference' | 'outbox' | 'details'>,
  connectionId: number,
  now: number,
  item?: OutboxItem
): ConnectionRow | null {
  const listed = site.connections.rows.find((row) => row.connection.id === connectionId)
  if (listed) return listed
  const cached = site.reference.connectionById(connectionId)
  if (cached) return rowOf(site, cached, now)
  return item ? rowFromItem(site, item) : null
}

/** A row for any connection the app holds: an assignment, details, a person's connection. */
export function rowOf(
  site: Pick<SiteStates, 'reference' | 'outbox' | 'details'>,
  connection: Connection,
  now: number
): ConnectionRow {
  const reference = site.reference
  return rowOfConnection(connection, {
    personById: (indvId) => reference.personById(indvId),
    typeById: (typeId) => reference.typeById(typeId),
    detailsOf: (connectionId) => site.details.detailsOf(connectionId),
    unsentCountFor: (connectionId) => site.outbox.unsentCountFor(connectionId),
    today: localDayOrdinal(now)
  })
}

function rowFromItem(site: Pick<SiteStates, 'outbox'>, item: OutboxItem): ConnectionRow {
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
    unsentCount: site.outbox.unsentCountFor(item.connectionId)
  }
}
