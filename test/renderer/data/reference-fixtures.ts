import type {
  ConnectionDetails,
  ConnectionResponse,
  Individual
} from '../../../src/shared/legacy-lookups'
import type { FakeDeskData } from './fake-desk'

export function person(
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
    Email: `${FirstName.toLowerCase()}@example.org`,
    Phone: ''
  }
}

export function openConnection(
  ConnectionId: number,
  fields: Partial<ConnectionDetails> = {}
): ConnectionDetails {
  return {
    ConnectionId,
    ConnectionTypeId: 1,
    ContactIndvId: 1,
    FamilyConnection: false,
    CallerIndvId: -1,
    TeamId: 1,
    DueDate: '',
    Status: 'Open',
    LastComment: '',
    ...fields
  }
}

/** Two types with responses, two teams, a few people, three open connections and a closed one. */
export function smallSite(): FakeDeskData {
  const responses = new Map<number, ConnectionResponse[]>([
    [
      1,
      [
        { ResponseId: 11, Description: 'Left a message' },
        { ResponseId: 12, Description: 'Will visit' }
      ]
    ],
    [2, [{ ResponseId: 21, Description: 'Prayed together' }]]
  ])
  return {
    connectionTypes: [
      { ConnectionTypeId: 1, Description: 'First-time guest', Active: true },
      { ConnectionTypeId: 2, Description: 'Hospital visit', Active: true },
      { ConnectionTypeId: 3, Description: 'Old campaign', Active: false }
    ],
    responses,
    teams: [
      { TeamId: 1, Name: 'Greeters' },
      { TeamId: 2, Name: 'Care team' }
    ],
    people: [
      person(1, 'Ann', 'Lee'),
      person(2, 'Robert', 'Stone', 'Bob'),
      person(3, 'Zoë', 'Adams'),
      person(4, 'Carl', 'Young')
    ],
    connections: [
      openConnection(101, { ContactIndvId: 1, TeamId: 1, DueDate: '01/10/2025' }),
      openConnection(102, {
        ContactIndvId: 2,
        ConnectionTypeId: 2,
        TeamId: -1,
        CallerIndvId: 4,
        DueDate: '03/20/2025'
      }),
      openConnection(103, { ContactIndvId: 3, TeamId: 2, DueDate: '' }),
      openConnection(104, { ContactIndvId: 4, Status: 'Closed' })
    ]
  }
}
