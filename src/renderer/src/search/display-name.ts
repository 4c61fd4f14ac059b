import type { Person } from '$shared/lookups'

/**
 * How the lists name a person: as the service itself does (FriendlyName) when it says,
 * else the name they go by, then the family name.
 */
export function displayName(
  person: Pick<Person, 'firstName' | 'goesByName' | 'lastName' | 'friendlyName'>
): string {
  const friendly = person.friendlyName.trim()
  if (friendly) return friendly
  const given = person.goesByName.trim() || person.firstName.trim()
  return [given, person.lastName.trim()].filter((part) => part.length > 0).join(' ')
}
