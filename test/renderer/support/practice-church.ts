import { connectionDateOf } from '$shared/change-request'
import type { Connection, ConnectionResponse, Person } from '$shared/lookups'
import { openConnection, person } from '../../shared/support/lookup-builders'
import { fakeAccount, type FakeDeskData } from './fake-desk'

/*
 * The one practice church of the component and state tests, as the bridge's lookups serve
 * it: five types (one the user may only view), their responses, three teams, seventeen
 * people (two families), ten open assignments due around today (two overdue, one undated)
 * and one closed connection. Tests that want fewer open connections take some of the same
 * church (`practiceChurch({ only })`), never a church of their own: a value a test relies
 * on is written here once.
 */

/** Markup from the site: it must show as typed, and never become an element. */
export const MARKUP = '<img src=x onerror=alert(1)>'

/** A comment that looks like markup: it must show as typed, never as HTML. */
export const MARKUP_COMMENT = `Call after 5 <b>sharp</b> & ask for "Pat" ${MARKUP}`

const DAY = 86_400_000

/** A due date `days` from the clerk's today (negative: overdue). */
export function dueIn(days: number, now = Date.now()): string {
  return connectionDateOf(new Date(now + days * DAY))
}

const PEOPLE: Person[] = [
  person(1, 'Ann', 'Lee', { phone: '555-0101' }),
  person(2, 'Robert', 'Stone', { goesByName: 'Bob', phone: '555-0102' }),
  person(3, 'Zoë', 'Adams', { email: 'zoe.adams@example.org' }),
  person(4, 'Carl', 'Young', { phone: '555-0104' }),
  person(5, 'Margaret', 'Okafor', { goesByName: 'Peggy' }),
  person(6, 'Grace', 'Nguyen', { phone: '555-0107' }),
  person(7, 'Samuel', 'Ortiz'),
  person(8, 'Henry', "O'Brien"),
  person(9, 'Esther', 'Bailey', { phone: '555-0112' }),
  person(10, 'Tomás', 'Herrera'),
  person(11, 'Priya', 'Raman'),
  person(12, 'David', 'Kim'),
  person(13, 'Ruth', 'Mensah'),
  person(14, 'Pastor', 'Williams'),
  person(15, 'Daniel', 'Okafor', { familyId: 5 }),
  person(16, 'Lucia', 'Ortiz', { familyId: 7 }),
  person(17, 'Robin', 'Stoner', { email: '', phone: '555-0111' })
]

/** One of the church's people; a test naming one the church lacks is wrong. */
export function churchPerson(id: number): Person {
  const found = PEOPLE.find((candidate) => candidate.id === id)
  if (!found) throw new Error(`The practice church has no person ${id}`)
  return found
}

/** Each team's members: who a connection assigned to the team lists as its team members. */
const TEAM_MEMBERS: ReadonlyMap<number, readonly number[]> = new Map([
  [1, [9, 12]],
  [2, [3, 13]],
  [3, [11]]
])

/** The members of one of the church's teams, as a connection assigned to it lists them. */
export function teamMembersOf(teamId: number): Person[] {
  return (TEAM_MEMBERS.get(teamId) ?? []).map(churchPerson)
}

interface Assigned {
  contact: number
  type: number
  /** Assigned to a team (its members), or to one person. */
  team?: number
  caller?: number
  due: string
  comment?: string
  familyConnection?: boolean
  completed?: boolean
}

/** A connection as the service lists it, with its contact and team members. */
function assigned(id: number, spec: Assigned): Connection {
  const members = spec.team
    ? teamMembersOf(spec.team)
    : spec.caller
      ? [churchPerson(spec.caller)]
      : []
  return openConnection(id, {
    contact: churchPerson(spec.contact),
    typeId: spec.type,
    teamMembers: members,
    dueDate: spec.due,
    comment: spec.comment ?? '',
    familyConnection: spec.familyConnection ?? false,
    completed: spec.completed ?? false
  })
}

function connectionsOf(now: number): Connection[] {
  return [
    assigned(101, { contact: 1, type: 1, team: 1, due: dueIn(-3, now), comment: MARKUP_COMMENT }),
    assigned(102, {
      contact: 5,
      type: 2,
      caller: 4,
      due: dueIn(1, now),
      familyConnection: true,
      comment: 'Surgery went well; family would welcome a visit on Thursday.'
    }),
    assigned(103, { contact: 7, type: 3, team: 2, due: dueIn(6, now), familyConnection: true }),
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
    assigned(106, { contact: 10, type: 1, caller: 14, due: dueIn(4, now) }),
    assigned(107, {
      contact: 9,
      type: 2,
      team: 2,
      due: dueIn(9, now),
      comment: 'Home from hospital next week.'
    }),
    assigned(108, { contact: 11, type: 3, caller: 14, due: '' }),
    assigned(109, { contact: 12, type: 1, team: 1, due: dueIn(12, now) }),
    assigned(110, {
      contact: 13,
      type: 4,
      team: 3,
      due: dueIn(3, now),
      comment: 'Prefers a call after 6 pm.'
    }),
    assigned(111, { contact: 4, type: 1, due: dueIn(-30, now), completed: true })
  ]
}

/** Three open connections of two types (Ann Lee's, Peggy Okafor's, Bob Stone's) and the closed one. */
export const FEW_CONNECTIONS: readonly number[] = [101, 102, 104, 111]

/**
 * The practice church as its lookups serve it on the day of `now`; `only` keeps just the
 * connections with those ids (the rest of the church stays as it is).
 */
export function practiceChurch(
  options: { now?: number; only?: readonly number[] } = {}
): FakeDeskData {
  const { now = Date.now(), only } = options
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
    ],
    [4, [{ id: 41, name: 'Prayed together' }]]
  ])
  const connections = connectionsOf(now)
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
      { id: 1, name: 'Greeters', memberCount: 2 },
      { id: 2, name: 'Care team', memberCount: 2 },
      { id: 3, name: 'Prayer ministry', memberCount: 1 }
    ],
    people: [...PEOPLE],
    connections: only ? connections.filter((each) => only.includes(each.id)) : connections,
    skipped: {}
  }
}
