import type { Individual } from '../../../shared/legacy-lookups'

/** How the lists name a person: the name they go by, then the family name. */
export function displayName(
  person: Pick<Individual, 'FirstName' | 'PreferredName' | 'LastName'>
): string {
  const given = person.PreferredName.trim() || person.FirstName.trim()
  return [given, person.LastName.trim()].filter((part) => part.length > 0).join(' ')
}
