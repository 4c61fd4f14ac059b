import type { Connection, Person } from '$shared/lookups'

/*
 * The app's model of a person and a connection (src/shared/lookups.ts), built with every
 * field filled, for the tests of every project: node (adapter, follow-up rules) and
 * Chromium (state, screens). Nothing here imports from `node:` or Dexie.
 */

/** A person in a family of their own, reachable at first.last@example.org, unless told else. */
export function person(
  id: number,
  firstName: string,
  lastName: string,
  extra: Partial<Person> = {}
): Person {
  return {
    id,
    familyId: id,
    firstName,
    lastName,
    goesByName: '',
    friendlyName: '',
    email: `${firstName}.${lastName}@example.org`.toLowerCase(),
    phone: '',
    address: '',
    city: '',
    state: '',
    zipcode: '',
    ...extra
  }
}

/** A connection of type 1 for Ann Lee (person 1), assigned to nobody, open, with what the test sets. */
export function openConnection(id: number, fields: Partial<Connection> = {}): Connection {
  return {
    id,
    typeId: 1,
    typeName: '',
    colour: '',
    contact: person(1, 'Ann', 'Lee'),
    familyConnection: false,
    familyId: null,
    dateCreated: '',
    dueDate: '',
    completed: false,
    comment: '',
    contactType: '',
    responses: [],
    teamMembers: [],
    mayChange: null,
    ...fields
  }
}
