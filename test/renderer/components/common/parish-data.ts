import { connectionDateOf } from '../../../../src/shared/change-request'
import type { ConnectionResponse, Individual } from '../../../../src/shared/legacy-lookups'
import type { FakeDeskData } from '../../data/fake-desk'
import { openConnection } from '../../data/reference-fixtures'

/** Markup from the site: it must show as typed, and never become an element. */
export const MARKUP = '<img src=x onerror=alert(1)>'

const DAY = 86_400_000

/** A due date `days` from the clerk's today (negative: overdue). */
export function dueIn(days: number, now = Date.now()): string {
  return connectionDateOf(new Date(now + days * DAY))
}

function member(
  IndvId: number,
  FirstName: string,
  LastName: string,
  PreferredName = ''
): Individual {
  return {
    IndvId,
    FamilyId: IndvId,
    FirstName,
    LastName,
    PreferredName,
    Email: `${FirstName}.${LastName}@example.org`.toLowerCase(),
    Phone: ''
  }
}

/**
 * A parish as its lookups serve it: five types (one inactive), three teams, people, and
 * ten open connections with due dates around today, two of them overdue.
 */
export function parish(now = Date.now()): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { ResponseId: 11, Description: 'Left a voicemail' },
        { ResponseId: 12, Description: 'Spoke with them' }
      ]
    ],
    [2, [{ ResponseId: 21, Description: 'Visited in hospital' }]],
    [3, [{ ResponseId: 31, Description: 'Signed up for class' }]],
    [4, [{ ResponseId: 41, Description: 'Prayed together' }]]
  ])
  return {
    connectionTypes: [
      { ConnectionTypeId: 1, Description: 'First-time guest', Active: true },
      { ConnectionTypeId: 2, Description: 'Hospital visit', Active: true },
      { ConnectionTypeId: 3, Description: 'Membership class', Active: true },
      { ConnectionTypeId: 4, Description: 'Prayer request', Active: true },
      { ConnectionTypeId: 5, Description: 'Easter 2019 campaign', Active: false }
    ],
    responses,
    teams: [
      { TeamId: 1, Name: 'Welcome team' },
      { TeamId: 2, Name: 'Care team' },
      { TeamId: 3, Name: 'Prayer ministry' }
    ],
    people: [
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
    ],
    connections: [
      openConnection(101, {
        ContactIndvId: 1,
        ConnectionTypeId: 1,
        TeamId: 1,
        DueDate: dueIn(-3, now),
        LastComment: 'Visited with two children; asked about the youth group.'
      }),
      openConnection(102, {
        ContactIndvId: 5,
        ConnectionTypeId: 2,
        TeamId: -1,
        CallerIndvId: 4,
        DueDate: dueIn(1, now),
        LastComment: 'Surgery went well; family would welcome a visit on Thursday.'
      }),
      openConnection(103, {
        ContactIndvId: 7,
        ConnectionTypeId: 3,
        TeamId: 2,
        DueDate: dueIn(6, now)
      }),
      openConnection(104, {
        ContactIndvId: 2,
        ConnectionTypeId: 1,
        TeamId: 1,
        DueDate: dueIn(-1, now),
        LastComment: 'Left a message on Tuesday.'
      }),
      openConnection(105, {
        ContactIndvId: 6,
        ConnectionTypeId: 4,
        TeamId: 3,
        DueDate: dueIn(2, now),
        LastComment: 'Asked for prayer for her mother.'
      }),
      openConnection(106, {
        ContactIndvId: 10,
        ConnectionTypeId: 1,
        TeamId: -1,
        CallerIndvId: 14,
        DueDate: dueIn(4, now)
      }),
      openConnection(107, {
        ContactIndvId: 9,
        ConnectionTypeId: 2,
        TeamId: 2,
        DueDate: dueIn(9, now),
        LastComment: 'Home from hospital next week.'
      }),
      openConnection(108, {
        ContactIndvId: 11,
        ConnectionTypeId: 3,
        TeamId: -1,
        CallerIndvId: 14,
        DueDate: ''
      }),
      openConnection(109, {
        ContactIndvId: 12,
        ConnectionTypeId: 1,
        TeamId: 1,
        DueDate: dueIn(12, now)
      }),
      openConnection(110, {
        ContactIndvId: 13,
        ConnectionTypeId: 4,
        TeamId: 3,
        DueDate: dueIn(3, now),
        LastComment: 'Prefers a call after 6 pm.'
      })
    ]
  }
}
