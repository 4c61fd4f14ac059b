import type { Connection, ConnectionResponse, Person } from '../../../src/shared/lookups'
import { fakeAccount, type FakeDeskData } from './fake-desk'

export function person(id: number, firstName: string, lastName: string, goesByName = ''): Person {
  return {
    id,
    familyId: id,
    firstName,
    lastName,
    goesByName,
    friendlyName: '',
    email: `${firstName.toLowerCase()}@example.org`,
    phone: '',
    address: '',
    city: '',
    state: '',
    zipcode: ''
  }
}

/** A connection of type 1 for person 1, assigned to nobody, open, with what the test sets. */
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

/** A small site's people, by id, for building its connections. */
const ANN = person(1, 'Ann', 'Lee')
const BOB = person(2, 'Robert', 'Stone', 'Bob')
const ZOE = person(3, 'Zoë', 'Adams')
const CARL = person(4, 'Carl', 'Young')

/**
 * Two types with responses (and a third without), two teams, a few people, three open
 * connections (one assigned to a team's two members, one to Carl, one to nobody) and a
 * closed one.
 */
export function smallSite(): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { id: 11, name: 'Left a message' },
        { id: 12, name: 'Will visit' }
      ]
    ],
    [2, [{ id: 21, name: 'Prayed together' }]]
  ])
  return {
    account: fakeAccount(),
    connectionTypes: [
      { id: 1, name: 'First-time guest', category: 'O', colour: '#2e7d32', mayChange: true },
      { id: 2, name: 'Hospital visit', category: 'O', colour: '', mayChange: true },
      { id: 3, name: 'Old campaign', category: 'I', colour: '', mayChange: false }
    ],
    responses,
    teams: [
      { id: 1, name: 'Greeters', memberCount: 2 },
      { id: 2, name: 'Care team', memberCount: 3 }
    ],
    people: [ANN, BOB, ZOE, CARL],
    connections: [
      openConnection(101, { contact: ANN, teamMembers: [ZOE, CARL], dueDate: '01/10/2025' }),
      openConnection(102, {
        contact: BOB,
        typeId: 2,
        teamMembers: [CARL],
        dueDate: '03/20/2025'
      }),
      openConnection(103, { contact: ZOE, dueDate: '' }),
      openConnection(104, { contact: CARL, completed: true })
    ],
    skipped: {}
  }
}
