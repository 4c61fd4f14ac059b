import type { Person } from '$shared/lookups'
import { displayName } from './display-name'

export { displayName }

/** The given name when the person goes by another one ("Robert" for Bob Stone), else empty. */
export function otherGivenName(person: Person): string {
  const goesBy = person.goesByName.trim()
  const first = person.firstName.trim()
  return goesBy && first && goesBy !== first ? first : ''
}

/** What tells two people of the same name apart: email, phone. */
export function contactHint(person: Person): string {
  return [person.email.trim(), person.phone.trim()].filter((part) => part.length > 0).join(' · ')
}

/** A person known only by id and a name (no directory entry): the rest of the record empty. */
export function personNamed(id: number, name: string): Person {
  return {
    id,
    familyId: null,
    firstName: '',
    goesByName: '',
    lastName: name,
    friendlyName: '',
    email: '',
    phone: '',
    address: '',
    city: '',
    state: '',
    zipcode: ''
  }
}

/**
 * Someone an unsent result names who is no longer in the offline directory: kept by id so
 * editing the result does not lose them, shown by the name the result was saved with.
 */
export function personNotInDirectory(indvId: number, knownAs: string | undefined): Person {
  return personNamed(indvId, knownAs?.trim() || `Person ${indvId} (not in the offline directory)`)
}
