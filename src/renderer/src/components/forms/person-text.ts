import type { Individual } from '../../../../shared/legacy-lookups'
import { displayName } from '../../search/display-name'

export { displayName }

/** The given name when the person goes by another one ("Robert" for Bob Stone), else empty. */
export function otherGivenName(person: Individual): string {
  const preferred = person.PreferredName.trim()
  const first = person.FirstName.trim()
  return preferred && first && preferred !== first ? first : ''
}

/** What tells two people of the same name apart: email, phone. */
export function contactHint(person: Individual): string {
  return [person.Email.trim(), person.Phone.trim()].filter((part) => part.length > 0).join(' · ')
}

/**
 * Someone an unsent result names who is no longer in the offline directory: kept by id so
 * editing the result does not lose them, shown by the name the result was saved with.
 */
export function personNotInDirectory(indvId: number, knownAs: string | undefined): Individual {
  return {
    IndvId: indvId,
    FamilyId: 0,
    FirstName: '',
    PreferredName: '',
    LastName: knownAs?.trim() || `Person ${indvId} (not in the offline directory)`,
    Email: '',
    Phone: ''
  }
}
