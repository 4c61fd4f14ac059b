import { NO_ASSIGNEE } from '../../../../shared/change-request'
import type { ConnectionDetails, Individual } from '../../../../shared/lookups'
import { displayName } from '../../search/display-name'

export interface CallerOption {
  indvId: number
  name: string
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' })

/** The people open connections are assigned to, by name: the choices of the assignee filter. */
export function callerOptions(
  connections: readonly ConnectionDetails[],
  personById: (indvId: number) => Individual | undefined
): CallerOption[] {
  const ids = new Set<number>()
  for (const connection of connections) {
    if (connection.CallerIndvId !== NO_ASSIGNEE) ids.add(connection.CallerIndvId)
  }
  return [...ids]
    .map((indvId) => {
      const person = personById(indvId)
      return { indvId, name: person ? displayName(person) : `Person #${indvId}` }
    })
    .sort((left, right) => collator.compare(left.name, right.name) || left.indvId - right.indvId)
}
