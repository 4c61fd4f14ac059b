import type { Person } from '$shared/lookups'
import { displayName } from '../search/display-name'

/**
 * The contact as the rows and form headers name them: by the service's own friendly name,
 * else the name they go by and the family name; by id when the answer gave no name.
 */
export function contactNameOf(contact: Person | undefined): string {
  if (!contact) return 'No contact named'
  return displayName(contact) || `Person ${contact.id} (not in the directory)`
}

/** Who makes the contact: "Ann Lee", "Ann Lee, Bob Stone", "Ann Lee, Bob Stone and 3 more". */
export function teamMembersText(members: readonly Person[]): string {
  if (members.length === 0) return 'Unassigned'
  const names = members.map((member) => displayName(member) || `Person ${member.id}`)
  if (names.length <= 2) return names.join(', ')
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`
}
