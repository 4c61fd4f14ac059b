import type { ConnectionResponse, Person } from '../../../src/shared/lookups'
import { fakeAccount, type FakeDeskData } from './fake-desk'
import { openConnection } from './reference-fixtures'

function member(
  id: number,
  firstName: string,
  lastName: string,
  extra: Partial<Person> = {}
): Person {
  return {
    id,
    familyId: extra.familyId ?? id,
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

const PEOPLE: Person[] = [
  member(1, 'Ann', 'Lee', { phone: '555-0101' }),
  member(2, 'Robert', 'Stone', { goesByName: 'Bob', phone: '555-0102' }),
  member(3, 'Zoë', 'Adams', { email: 'zoe.adams@example.org' }),
  member(4, 'Carl', 'Young', { phone: '555-0104' }),
  member(5, 'Margaret', 'Okafor', { goesByName: 'Peggy', familyId: 5 }),
  member(6, 'Daniel', 'Okafor', { familyId: 5 }),
  member(7, 'Grace', 'Nguyen', { phone: '555-0107' }),
  member(8, 'Samuel', 'Ortiz', { familyId: 8 }),
  member(9, 'Lucia', 'Ortiz', { familyId: 8 }),
  member(10, 'Henry', "O'Brien"),
  member(11, 'Robin', 'Stoner', { email: '', phone: '555-0111' }),
  member(12, 'Esther', 'Bailey', { phone: '555-0112' })
]

const byId = (id: number): Person => PEOPLE.find((each) => each.id === id) as Person

/** Text from the site that looks like markup: it must show as typed, never as HTML. */
export const MARKUP_COMMENT =
  'Call after 5 <b>sharp</b> & ask for "Pat" <img src=x onerror=alert(1)>'

/**
 * A small church as the lookups serve it: four types (one the user may only view), their responses,
 * three teams, a dozen people in families, and three open connections.
 */
export function smallChurch(): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { id: 11, name: 'Left a voicemail' },
        { id: 12, name: 'Spoke with them' },
        { id: 13, name: 'Will visit Sunday' },
        { id: 14, name: 'Asked for prayer' }
      ]
    ],
    [
      2,
      [
        { id: 21, name: 'Visited in hospital' },
        { id: 22, name: 'Prayed together' },
        { id: 23, name: 'Brought communion' }
      ]
    ],
    [
      3,
      [
        { id: 31, name: 'Signed up for class' },
        { id: 32, name: 'Not interested now' }
      ]
    ]
  ])
  return {
    account: fakeAccount(),
    connectionTypes: [
      { id: 1, name: 'First-time guest', category: 'O', colour: '', mayChange: true },
      { id: 2, name: 'Hospital visit', category: 'O', colour: '', mayChange: true },
      { id: 3, name: 'Membership class', category: 'I', colour: '', mayChange: true },
      { id: 4, name: 'Easter 2019 campaign', category: 'O', colour: '', mayChange: false }
    ],
    responses,
    teams: [
      { id: 1, name: 'Greeters', memberCount: 2 },
      { id: 2, name: 'Care team', memberCount: 1 },
      { id: 3, name: 'Prayer ministry', memberCount: 0 }
    ],
    people: PEOPLE,
    connections: [
      openConnection(101, {
        contact: byId(1),
        typeId: 1,
        teamMembers: [byId(12), byId(7)],
        dueDate: '03/09/2025',
        comment: MARKUP_COMMENT
      }),
      openConnection(102, {
        contact: byId(5),
        typeId: 2,
        familyConnection: true,
        teamMembers: [byId(4)],
        dueDate: '03/20/2025',
        comment: 'Surgery went well; family would welcome a visit on Thursday.'
      }),
      openConnection(103, {
        contact: byId(8),
        typeId: 3,
        familyConnection: true,
        teamMembers: [byId(3)],
        dueDate: ''
      })
    ],
    skipped: {}
  }
}
