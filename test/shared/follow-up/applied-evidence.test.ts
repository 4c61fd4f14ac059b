import { describe, expect, it } from 'vitest'
import type { ChangeRequest } from '$shared/change-request'
import { appliedEvidence, sameText } from '$shared/follow-up/applied-evidence'
import type { Connection, Person } from '$shared/lookups'
import { openConnection, person as personNamed } from '../support/lookup-builders'

function person(id: number): Person {
  return personNamed(id, `P${id}`, 'Test', { familyId: null, email: '' })
}

function connection(overrides: Partial<Connection> = {}): Connection {
  return openConnection(40, {
    typeName: 'Visit',
    contact: person(7),
    dateCreated: '10/01/2025',
    teamMembers: [person(3)],
    mayChange: true,
    ...overrides
  })
}

function result(overrides: Partial<ChangeRequest> = {}): ChangeRequest {
  return {
    ConnectionId: 40,
    Complete: false,
    ConnectionDate: '11/02/2025',
    ConnectionTypeId: 1,
    FamilyConnection: false,
    ContactIndvId: 7,
    OpenCategoryId: 1,
    Reassign: false,
    NewCallerIndvId: -1,
    NewTeamId: -1,
    Comment: '',
    ResponseIdList: [-1],
    ...overrides
  }
}

const SENT_ON = '11/03/2025'
const teamSizes = new Map([[9, 2]])
const members = (...ids: number[]) => ids.map(person)

describe('appliedEvidence: a result on an existing connection', () => {
  it.each([
    ['a completion, still open', result({ Complete: true }), connection(), 'not-seen'],
    [
      'a completion, shown Completed',
      result({ Complete: true }),
      connection({ completed: true }),
      'applied'
    ],
    [
      'an attempt, comment not shown',
      result({ Comment: 'Left a voicemail' }),
      connection({ comment: 'Earlier note' }),
      'not-seen'
    ],
    [
      'an attempt, comment shown (case and spaces aside)',
      result({ Comment: 'Left a  voicemail' }),
      connection({ comment: '11/03/2025: left a voicemail ' }),
      'applied'
    ],
    [
      'an attempt with responses only, some missing',
      result({ ResponseIdList: [101, 102] }),
      connection({ responses: [{ id: 101, name: 'Called' }] }),
      'not-seen'
    ],
    [
      'an attempt with responses only, all shown',
      result({ ResponseIdList: [101, 102] }),
      connection({
        responses: [
          { id: 102, name: 'Visited' },
          { id: 101, name: 'Called' }
        ]
      }),
      'applied'
    ],
    ['an attempt with nothing to show', result(), connection(), 'nothing-to-see'],
    [
      'a reassignment to a caller, earlier caller shown',
      result({ Reassign: true, NewCallerIndvId: 5 }),
      connection(),
      'not-seen'
    ],
    [
      'a reassignment to a caller, new caller shown',
      result({ Reassign: true, NewCallerIndvId: 5 }),
      connection({ teamMembers: members(5) }),
      'applied'
    ],
    [
      'a reassignment to a team, its members shown',
      result({ Reassign: true, NewTeamId: 9 }),
      connection({ teamMembers: members(5, 6) }),
      'applied'
    ],
    [
      'a reassignment to a team, a different number of members shown',
      result({ Reassign: true, NewTeamId: 9 }),
      connection({ teamMembers: members(5) }),
      'not-seen'
    ]
  ] as const)('%s → %s', (_, body, shown, kind) => {
    expect(appliedEvidence({ body, connection: shown, sentOn: SENT_ON, teamSizes }).kind).toBe(kind)
  })

  it('a reassignment to a team is not seen while the earlier members are still listed', () => {
    const body = result({ Reassign: true, NewTeamId: 9 })
    const shown = connection({ teamMembers: members(5, 6) })
    expect(
      appliedEvidence({
        body,
        connection: shown,
        sentOn: SENT_ON,
        teamSizes,
        earlierMembers: [6, 5]
      }).kind
    ).toBe('not-seen')
    expect(
      appliedEvidence({ body, connection: shown, sentOn: SENT_ON, teamSizes, earlierMembers: [3] })
        .kind
    ).toBe('applied')
    // Without the team's size nothing proves a team reassignment.
    expect(appliedEvidence({ body, connection: shown, sentOn: SENT_ON }).kind).toBe('not-seen')
  })

  it('is not seen when the connection was not looked at', () => {
    expect(appliedEvidence({ body: result({ Complete: true }), sentOn: SENT_ON }).kind).toBe(
      'not-seen'
    )
  })
})

describe('appliedEvidence: a new connection', () => {
  const body = result({
    ConnectionId: -1,
    ConnectionTypeId: 2,
    NewTeamId: 9,
    Comment: 'Met at the picnic'
  })
  const added = connection({
    id: 500,
    typeId: 2,
    dateCreated: '11/04/2025',
    comment: 'Met at the picnic',
    teamMembers: members(5, 6)
  })

  it.each<[string, Connection[], Set<number> | undefined, string]>([
    ['shown in the person’s connections', [added], undefined, 'applied'],
    ['not there yet', [connection()], undefined, 'not-seen'],
    ['of another type only', [{ ...added, typeId: 1 }], undefined, 'not-seen'],
    [
      'created before it was sent',
      [{ ...added, dateCreated: '11/01/2025' }],
      undefined,
      'not-seen'
    ],
    ['with another comment', [{ ...added, comment: 'Other' }], undefined, 'not-seen'],
    ['already claimed by another result', [added], new Set([500]), 'not-seen'],
    ['listed without team members', [{ ...added, teamMembers: [] }], undefined, 'applied']
  ])('%s → %s', (_, listed, claimed, kind) => {
    const evidence = appliedEvidence({
      body,
      personConnections: listed,
      sentOn: SENT_ON,
      teamSizes,
      ...(claimed ? { claimed } : {})
    })
    expect(evidence.kind).toBe(kind)
    if (evidence.kind === 'applied') expect(evidence.connectionId).toBe(500)
  })
})

describe('sameText', () => {
  it('never matches an empty comment', () => {
    expect(sameText('anything', '  ')).toBe(false)
  })
})
