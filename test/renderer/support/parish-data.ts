import { connectionDateOf } from '../../../src/shared/change-request'
import type { Connection, ConnectionResponse, Person } from '../../../src/shared/lookups'
import { fakeAccount, type FakeDeskData } from './fake-desk'
import { openConnection } from './reference-fixtures'

/** Markup from the site: it must show as typed, and never become an element. */
export const MARKUP = '<img src=x onerror=alert(1)>'

const DAY = 86_400_000

/** A due date `days` from the clerk's today (negative: overdue). */
export function dueIn(days: number, now = Date.now()): string {
  return connectionDateOf(new Date(now + days * DAY))
}

function member(id: number, firstName: string, lastName: string, goesByName = ''): Person {
  return {
    id,
    familyId: id,
    firstName,
    lastName,
    goesByName,
    friendlyName: '',
    email: `${firstName}.${lastName}@example.org`.toLowerCase(),
    phone: '',
    address: '',
    city: '',
    state: '',
    zipcode: ''
  }
}

const PEOPLE = [
  member(1, 'Ann', 'Lee'),
  member(2, 'Robert', 'Stone', 'Bob'),
  member(3, 'Zoë', 'Adams'),
  member(4, 'Carl', 'Young'),
  member(5, 'Margaret', 'Okafor', 'Peggy'),
  member(6, 'Grace', 'Nguyen'),
  member(7, 'Samuel', 'Ortiz'),
  member(8, 'Henry', "O'Brien"),
  member(9, 'Esther', 'Bailey'),
  member(10, 'Tomás', 'Herrera'),
  member(11, 'Priya', 'Raman'),
  member(12, 'David', 'Kim'),
  member(13, 'Ruth', 'Mensah'),
  member(14, 'Pastor', 'Williams')
]

function personOf(id: number): Person {
  const found = PEOPLE.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`The parish has no person ${id}`)
  return found
}

/** Each team's members: who a connection assigned to the team lists as its team members. */
export const TEAM_MEMBERS: ReadonlyMap<number, readonly number[]> = new Map([
  [1, [9, 12]],
  [2, [3, 13]],
  [3, [11]]
])

/** The members of one of the parish's teams, as a connection assigned to it lists them. */
export function teamMembersOf(teamId: number): Person[] {
  return (TEAM_MEMBERS.get(teamId) ?? []).map(personOf)
}

interface Assigned {
  contact: number
  type: number
  /** Assigned to a team (its members), or to one person. */
  team?: number
  caller?: number
  due: string
  comment?: string
}

/** An open assignment as the service lists it, with its contact and team members. */
export function assigned(id: number, spec: Assigned): Connection {
  const members = spec.team ? teamMembersOf(spec.team) : spec.caller ? [personOf(spec.caller)] : []
  return openConnection(id, {
    contact: personOf(spec.contact),
    typeId: spec.type,
    teamMembers: members,
    dueDate: spec.due,
    comment: spec.comment ?? ''
  })
}

/**
 * A parish as its lookups serve it: five types (one the user may only view), three teams,
 * people, and ten open assignments with due dates around today, two of them overdue.
 */
export function parish(now = Date.now()): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { id: 11, name: 'Left a voicemail' },
        { id: 12, name: 'Spoke with them' }
      ]
    ],
    [2, [{ id: 21, name: 'Visited in hospital' }]],
    [3, [{ id: 31, name: 'Signed up for class' }]],
    [4, [{ id: 41, name: 'Prayed together' }]]
  ])
  return {
    account: fakeAccount(),
    connectionTypes: [
      { id: 1, name: 'First-time guest', category: 'O', colour: '#2e7d32', mayChange: true },
      { id: 2, name: 'Hospital visit', category: 'O', colour: '#1565c0', mayChange: true },
      { id: 3, name: 'Membership class', category: 'I', colour: '', mayChange: true },
      { id: 4, name: 'Prayer request', category: 'I', colour: '', mayChange: true },
      { id: 5, name: 'Easter 2019 campaign', category: 'O', colour: '', mayChange: false }
    ],
    responses,
    teams: [
      { id: 1, name: 'Welcome team', memberCount: 2 },
      { id: 2, name: 'Care team', memberCount: 2 },
      { id: 3, name: 'Prayer ministry', memberCount: 1 }
    ],
    people: PEOPLE,
    connections: [
      assigned(101, {
        contact: 1,
        type: 1,
        team: 1,
        due: dueIn(-3, now),
        comment: 'Visited with two children; asked about the youth group.'
      }),
      assigned(102, {
        contact: 5,
        type: 2,
        caller: 4,
        due: dueIn(1, now),
        comment: 'Surgery went well; family would welcome a visit on Thursday.'
      }),
      assigned(103, {
        contact: 7,
        type: 3,
        team: 2,
        due: dueIn(6, now)
      }),
      assigned(104, {
        contact: 2,
        type: 1,
        team: 1,
        due: dueIn(-1, now),
        comment: 'Left a message on Tuesday.'
      }),
      assigned(105, {
        contact: 6,
        type: 4,
        team: 3,
        due: dueIn(2, now),
        comment: 'Asked for prayer for her mother.'
      }),
      assigned(106, {
        contact: 10,
        type: 1,
        caller: 14,
        due: dueIn(4, now)
      }),
      assigned(107, {
        contact: 9,
        type: 2,
        team: 2,
        due: dueIn(9, now),
        comment: 'Home from hospital next week.'
      }),
      assigned(108, {
        contact: 11,
        type: 3,
        caller: 14,
        due: ''
      }),
      assigned(109, {
        contact: 12,
        type: 1,
        team: 1,
        due: dueIn(12, now)
      }),
      assigned(110, {
        contact: 13,
        type: 4,
        team: 3,
        due: dueIn(3, now),
        comment: 'Prefers a call after 6 pm.'
      })
    ],
    skipped: {}
  }
}
