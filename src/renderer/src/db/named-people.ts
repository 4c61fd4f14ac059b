import { NO_ASSIGNEE } from '../../../shared/change-request'
import type { ConnectionDetails, Individual } from '../../../shared/legacy-lookups'

export const OPEN_CONNECTIONS_PEOPLE = 'openConnections'

/**
 * The people the open connections name (contacts and callers), saved beside the directory:
 * the connections list shows their names from the first read, before the whole directory
 * is read and indexed. Rewritten whenever the people or the connections are.
 */
export interface NamedPeople {
  key: typeof OPEN_CONNECTIONS_PEOPLE
  people: Individual[]
}

/** The record of the people these connections name, found in the given directory. */
export function namedPeopleOf(
  connections: readonly ConnectionDetails[],
  directory: Iterable<readonly Individual[]>
): NamedPeople {
  const wanted = new Set<number>()
  for (const connection of connections) {
    wanted.add(connection.ContactIndvId)
    if (connection.CallerIndvId !== NO_ASSIGNEE) wanted.add(connection.CallerIndvId)
  }
  const people: Individual[] = []
  for (const page of directory) {
    for (const person of page) if (wanted.has(person.IndvId)) people.push(person)
  }
  return { key: OPEN_CONNECTIONS_PEOPLE, people }
}
