import { connectionDateOrdinal, NO_ASSIGNEE } from '../../../../shared/change-request'
import type { ConnectionDetails } from '../../../../shared/legacy-lookups'
import type { OutboxItem } from '../../../../shared/outbox/outbox-item'
import { displayName } from '../../search/display-name'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'
import { localDayOrdinal } from '../../state/local-day'
import type { SiteStates } from '../../state/site-states'

/**
 * The row a result form works on. The list's own row when it shows the connection; else
 * one built from the cached connection (filtered out of the list); else, for an unsent item
 * whose connection has left the cache (closed since), from what the item itself recorded.
 */
export function connectionRowFor(
  site: Pick<SiteStates, 'connections' | 'reference' | 'outbox'>,
  connectionId: number,
  now: number,
  item?: OutboxItem
): ConnectionRow | null {
  const listed = site.connections.rows.find((row) => row.connection.ConnectionId === connectionId)
  if (listed) return listed
  const cached = site.reference.connectionById(connectionId)
  if (cached) return rowOf(site, cached, now)
  return item ? rowFromItem(site, item) : null
}

function rowOf(
  site: Pick<SiteStates, 'reference' | 'outbox'>,
  connection: ConnectionDetails,
  now: number
): ConnectionRow {
  const reference = site.reference
  const contact = reference.personById(connection.ContactIndvId)
  const due = connectionDateOrdinal(connection.DueDate)
  return {
    connection,
    contactName: contact
      ? displayName(contact)
      : `Person ${connection.ContactIndvId} (not in the directory)`,
    typeName:
      reference.typeById(connection.ConnectionTypeId)?.Description ??
      `Type ${connection.ConnectionTypeId}`,
    assigneeName: assigneeOf(site, connection),
    dueDate: connection.DueDate,
    overdue: due !== undefined && due < localDayOrdinal(now),
    unsentCount: site.outbox.unsentCountFor(connection.ConnectionId)
  }
}

function assigneeOf(site: Pick<SiteStates, 'reference'>, connection: ConnectionDetails): string {
  if (connection.CallerIndvId !== NO_ASSIGNEE) {
    const caller = site.reference.personById(connection.CallerIndvId)
    return `Person: ${caller ? displayName(caller) : `#${connection.CallerIndvId}`}`
  }
  if (connection.TeamId !== NO_ASSIGNEE) {
    return `Team: ${site.reference.teamById(connection.TeamId)?.Name ?? `#${connection.TeamId}`}`
  }
  return 'Unassigned'
}

function rowFromItem(site: Pick<SiteStates, 'outbox'>, item: OutboxItem): ConnectionRow {
  const body = item.body
  return {
    connection: {
      ConnectionId: item.connectionId,
      ConnectionTypeId: body.ConnectionTypeId ?? 0,
      ContactIndvId: body.ContactIndvId ?? 0,
      FamilyConnection: body.FamilyConnection ?? false,
      CallerIndvId: NO_ASSIGNEE,
      TeamId: NO_ASSIGNEE,
      DueDate: '',
      Status: 'Open',
      LastComment: ''
    },
    contactName: item.summary.contactName,
    typeName: item.summary.connectionTypeName,
    assigneeName: item.summary.assigneeName ?? 'Unassigned',
    dueDate: '',
    overdue: false,
    unsentCount: site.outbox.unsentCountFor(item.connectionId)
  }
}
