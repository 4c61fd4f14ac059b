import type { Connection, Person } from '$shared/lookups'
import { displayName } from '../../search/display-name'

export interface CallerOption {
  indvId: number
  name: string
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base' })

function optionFor(person: Person): CallerOption {
  return { indvId: person.id, name: displayName(person) || `Person #${person.id}` }
}

/** The people open connections are assigned to, by name: the choices of the assignee filter. */
export function callerOptions(connections: readonly Connection[]): CallerOption[] {
  const members = new Map<number, Person>()
  for (const connection of connections) {
    for (const member of connection.teamMembers) {
      if (!members.has(member.id)) members.set(member.id, member)
    }
  }
  return [...members.values()]
    .map(optionFor)
    .sort((left, right) => collator.compare(left.name, right.name) || left.indvId - right.indvId)
}

/**
 * Only the person the filter holds (if any): enough for the closed select to show its value,
 * without sorting and mounting thousands of choices nobody has asked to see yet.
 */
export function chosenCallerOptions(
  chosen: number | null,
  connections: readonly Connection[]
): CallerOption[] {
  if (chosen === null) return []
  for (const connection of connections) {
    const member = connection.teamMembers.find((candidate) => candidate.id === chosen)
    if (member) return [optionFor(member)]
  }
  return [{ indvId: chosen, name: `Person #${chosen}` }]
}
