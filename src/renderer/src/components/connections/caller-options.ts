import { NO_ASSIGNEE } from '../../../../shared/change-request'
import type { ConnectionDetails, Individual } from '../../../../shared/legacy-lookups'
import { displayName } from '../../search/display-name'

export interface CallerOption {
  indvId: number
  name: string
}

type PersonById = (indvId: number) => Individual | undefined

const collator = new Intl.Collator(undefined, { sensitivity: 'base' })

function optionFor(indvId: number, personById: PersonById): CallerOption {
  const person = personById(indvId)
  return { indvId, name: person ? displayName(person) : `Person #${indvId}` }
}

/** The people open connections are assigned to, by name: the choices of the assignee filter. */
export function callerOptions(
  connections: readonly ConnectionDetails[],
  personById: PersonById
): CallerOption[] {
  const ids = new Set<number>()
  for (const connection of connections) {
    if (connection.CallerIndvId !== NO_ASSIGNEE) ids.add(connection.CallerIndvId)
  }
  return [...ids]
    .map((indvId) => optionFor(indvId, personById))
    .sort((left, right) => collator.compare(left.name, right.name) || left.indvId - right.indvId)
}

/**
 * Only the person the filter holds (if any): enough for the closed select to show its value,
 * without sorting and mounting thousands of choices nobody has asked to see yet.
 */
export function chosenCallerOptions(chosen: number | null, personById: PersonById): CallerOption[] {
  return chosen === null ? [] : [optionFor(chosen, personById)]
}
