import type { ConnectionResponse, Individual } from '../../../../src/shared/legacy-lookups'
import type { FakeDeskData } from '../../data/fake-desk'
import { openConnection } from '../../data/reference-fixtures'

function member(
  IndvId: number,
  FirstName: string,
  LastName: string,
  extra: Partial<Individual> = {}
): Individual {
  return {
    IndvId,
    FamilyId: extra.FamilyId ?? IndvId,
    FirstName,
    LastName,
    PreferredName: '',
    Email: `${FirstName}.${LastName}@example.org`.toLowerCase(),
    Phone: '',
    ...extra
  }
}

/** Text from the site that looks like markup: it must show as typed, never as HTML. */
export const MARKUP_COMMENT =
  'Call after 5 <b>sharp</b> & ask for "Pat" <img src=x onerror=alert(1)>'

/**
 * A small church as the lookups serve it: four types (one inactive), their responses,
 * three teams, a dozen people in families, and three open connections.
 */
export function smallChurch(): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { ResponseId: 11, Description: 'Left a voicemail' },
        { ResponseId: 12, Description: 'Spoke with them' },
        { ResponseId: 13, Description: 'Will visit Sunday' },
        { ResponseId: 14, Description: 'Asked for prayer' }
      ]
    ],
    [
      2,
      [
        { ResponseId: 21, Description: 'Visited in hospital' },
        { ResponseId: 22, Description: 'Prayed together' },
        { ResponseId: 23, Description: 'Brought communion' }
      ]
    ],
    [
      3,
      [
        { ResponseId: 31, Description: 'Signed up for class' },
        { ResponseId: 32, Description: 'Not interested now' }
      ]
    ]
  ])
  return {
    connectionTypes: [
      { ConnectionTypeId: 1, Description: 'First-time guest', Active: true },
      { ConnectionTypeId: 2, Description: 'Hospital visit', Active: true },
      { ConnectionTypeId: 3, Description: 'Membership class', Active: true },
      { ConnectionTypeId: 4, Description: 'Easter 2019 campaign', Active: false }
    ],
    responses,
    teams: [
      { TeamId: 1, Name: 'Greeters' },
      { TeamId: 2, Name: 'Care team' },
      { TeamId: 3, Name: 'Prayer ministry' }
    ],
    people: [
      member(1, 'Ann', 'Lee', { Phone: '555-0101' }),
      member(2, 'Robert', 'Stone', { PreferredName: 'Bob', Phone: '555-0102' }),
      member(3, 'Zoë', 'Adams', { Email: 'zoe.adams@example.org' }),
      member(4, 'Carl', 'Young', { Phone: '555-0104' }),
      member(5, 'Margaret', 'Okafor', { PreferredName: 'Peggy', FamilyId: 5 }),
      member(6, 'Daniel', 'Okafor', { FamilyId: 5 }),
      member(7, 'Grace', 'Nguyen', { Phone: '555-0107' }),
      member(8, 'Samuel', 'Ortiz', { FamilyId: 8 }),
      member(9, 'Lucia', 'Ortiz', { FamilyId: 8 }),
      member(10, 'Henry', "O'Brien"),
      member(11, 'Robin', 'Stoner', { Email: '', Phone: '555-0111' }),
      member(12, 'Esther', 'Bailey', { Phone: '555-0112' })
    ],
    connections: [
      openConnection(101, {
        ContactIndvId: 1,
        ConnectionTypeId: 1,
        TeamId: 1,
        DueDate: '03/09/2025',
        LastComment: MARKUP_COMMENT
      }),
      openConnection(102, {
        ContactIndvId: 5,
        ConnectionTypeId: 2,
        FamilyConnection: true,
        TeamId: -1,
        CallerIndvId: 4,
        DueDate: '03/20/2025',
        LastComment: 'Surgery went well; family would welcome a visit on Thursday.'
      }),
      openConnection(103, {
        ContactIndvId: 8,
        ConnectionTypeId: 3,
        FamilyConnection: true,
        TeamId: 2,
        DueDate: ''
      })
    ]
  }
}
