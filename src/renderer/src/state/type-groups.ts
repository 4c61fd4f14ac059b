import { connectionDateOrdinal } from '$shared/change-request'
import type { AssignmentSummary, Connection, ConnectionType } from '$shared/lookups'

/** The work list's open assignments of one connection type, for the by-type bar. */
export interface TypeGroup {
  typeId: number
  name: string
  /** A CSS colour from the service, or empty. */
  colour: string
  /** Open assignments of the type on this computer. */
  count: number
  /** `MM/DD/YYYY`, or empty when none of them has a due date. */
  earliestDueDate: string
  /** The earliest due date is before the clerk's today. */
  overdue: boolean
}

/**
 * One group per connection type with open assignments, in the order the service's summary
 * lists them (then by name). The count and the earliest due date come from the assignments
 * themselves, so the bar agrees with the list it filters; the summary lends its colour and
 * name, and its earliest due date when no assignment of the type carries one.
 */
export function typeGroups(
  connections: readonly Connection[],
  summaries: readonly AssignmentSummary[],
  typeById: (typeId: number) => ConnectionType | undefined,
  today: number
): TypeGroup[] {
  const byType = new Map<
    number,
    { count: number; earliest: number | undefined; first: Connection }
  >()
  for (const connection of connections) {
    const due = connectionDateOrdinal(connection.dueDate)
    const group = byType.get(connection.typeId)
    if (!group) {
      byType.set(connection.typeId, { count: 1, earliest: due, first: connection })
      continue
    }
    group.count++
    if (due !== undefined && (group.earliest === undefined || due < group.earliest)) {
      group.earliest = due
    }
  }
  const order = new Map(summaries.map((summary, index) => [summary.typeId, index]))
  const summaryOf = new Map(summaries.map((summary) => [summary.typeId, summary]))
  const groups = [...byType].map(([typeId, group]): TypeGroup => {
    const summary = summaryOf.get(typeId)
    const earliestDueDate =
      group.earliest !== undefined
        ? dueDateOf(connections, typeId, group.earliest)
        : (summary?.earliestDueDate ?? '')
    const earliest = connectionDateOrdinal(earliestDueDate)
    return {
      typeId,
      name: typeById(typeId)?.name || summary?.typeName || group.first.typeName || `Type ${typeId}`,
      colour: summary?.colour || group.first.colour || typeById(typeId)?.colour || '',
      count: group.count,
      earliestDueDate,
      overdue: earliest !== undefined && earliest < today
    }
  })
  const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })
  return groups.sort(
    (left, right) =>
      (order.get(left.typeId) ?? Infinity) - (order.get(right.typeId) ?? Infinity) ||
      collator.compare(left.name, right.name) ||
      left.typeId - right.typeId
  )
}

/** The due date as the service wrote it, for the connection whose day is `ordinal`. */
function dueDateOf(connections: readonly Connection[], typeId: number, ordinal: number): string {
  const found = connections.find(
    (connection) =>
      connection.typeId === typeId && connectionDateOrdinal(connection.dueDate) === ordinal
  )
  return found?.dueDate ?? ''
}
