import type { ConnectionResponse, ConnectionType, Team } from '../shared/legacy-lookups'

/**
 * The reference data every seed shares: tests rely on types 1 to 5 (each active, each
 * with at least three responses) and on team 1, whatever the seed.
 */
export const CONNECTION_TYPES: readonly ConnectionType[] = [
  { ConnectionTypeId: 1, Description: 'First-time guest', Active: true },
  { ConnectionTypeId: 2, Description: 'Hospital visit', Active: true },
  { ConnectionTypeId: 3, Description: 'Prayer request', Active: true },
  { ConnectionTypeId: 4, Description: 'Membership class', Active: true },
  { ConnectionTypeId: 5, Description: 'Welcome call', Active: true }
]

/** Response ids are unique across types, so a response of the wrong type is detectable. */
export const RESPONSES_BY_TYPE: ReadonlyMap<number, readonly ConnectionResponse[]> = new Map([
  [
    1,
    [
      { ResponseId: 101, Description: 'Spoke with them' },
      { ResponseId: 102, Description: 'Left a message' },
      { ResponseId: 103, Description: 'Sent a welcome letter' },
      { ResponseId: 104, Description: 'Wants to join a small group' }
    ]
  ],
  [
    2,
    [
      { ResponseId: 201, Description: 'Visited in hospital' },
      { ResponseId: 202, Description: 'Prayed with the family' },
      { ResponseId: 203, Description: 'Arranged meals' }
    ]
  ],
  [
    3,
    [
      { ResponseId: 301, Description: 'Prayed over the phone' },
      { ResponseId: 302, Description: 'Added to the prayer list' },
      { ResponseId: 303, Description: 'Request answered' },
      { ResponseId: 304, Description: 'Referred to a pastor' }
    ]
  ],
  [
    4,
    [
      { ResponseId: 401, Description: 'Registered for the class' },
      { ResponseId: 402, Description: 'Attended the class' },
      { ResponseId: 403, Description: 'Not interested yet' }
    ]
  ],
  [
    5,
    [
      { ResponseId: 501, Description: 'Reached by phone' },
      { ResponseId: 502, Description: 'No answer' },
      { ResponseId: 503, Description: 'Wrong number' },
      { ResponseId: 504, Description: 'Asked for a visit' },
      { ResponseId: 505, Description: 'Asked not to be called' }
    ]
  ]
])

export const TEAMS: readonly Team[] = [
  { TeamId: 1, Name: 'Care team' },
  { TeamId: 2, Name: 'Welcome team' },
  { TeamId: 3, Name: 'Prayer team' },
  { TeamId: 4, Name: 'Deacons' },
  { TeamId: 5, Name: 'Youth ministry' },
  { TeamId: 6, Name: 'Hospitality team' }
]
