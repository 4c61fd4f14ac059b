/**
 * The reference data every seed shares: tests rely on types 1 to 5 (each with at least
 * three responses) and on team 1, whatever the seed.
 */
export interface SimConnectionType {
  ConnectionTypeId: number
  ConnectionTypeDesc: string
  /** The Android app's contact categories: `I` (inward) or `O` (outward). */
  ConnectionCategory: 'I' | 'O'
  ConnectionColor: string
}

export interface SimResponse {
  RespID: number
  Resp_Desc: string
}

export const CONNECTION_TYPES: readonly SimConnectionType[] = [
  {
    ConnectionTypeId: 1,
    ConnectionTypeDesc: 'First-time guest',
    ConnectionCategory: 'O',
    ConnectionColor: '#2E7D32'
  },
  {
    ConnectionTypeId: 2,
    ConnectionTypeDesc: 'Hospital visit',
    ConnectionCategory: 'O',
    ConnectionColor: '#C62828'
  },
  {
    ConnectionTypeId: 3,
    ConnectionTypeDesc: 'Prayer request',
    ConnectionCategory: 'I',
    ConnectionColor: '#6A1B9A'
  },
  {
    ConnectionTypeId: 4,
    ConnectionTypeDesc: 'Membership class',
    ConnectionCategory: 'I',
    ConnectionColor: '#1565C0'
  },
  {
    ConnectionTypeId: 5,
    ConnectionTypeDesc: 'Welcome call',
    ConnectionCategory: 'O',
    ConnectionColor: '#EF6C00'
  }
]

/** Response ids are unique across types, so a response of the wrong type is detectable. */
export const RESPONSES_BY_TYPE: ReadonlyMap<number, readonly SimResponse[]> = new Map(
  (
    [
      [
        1,
        [
          'Spoke with them',
          'Left a message',
          'Sent a welcome letter',
          'Wants to join a small group'
        ]
      ],
      [2, ['Visited in hospital', 'Prayed with the family', 'Arranged meals']],
      [
        3,
        [
          'Prayed over the phone',
          'Added to the prayer list',
          'Request answered',
          'Referred to a pastor'
        ]
      ],
      [4, ['Registered for the class', 'Attended the class', 'Not interested yet']],
      [
        5,
        [
          'Reached by phone',
          'No answer',
          'Wrong number',
          'Asked for a visit',
          'Asked not to be called'
        ]
      ]
    ] as const
  ).map(([typeId, names]) => [
    typeId,
    names.map((name, index) => ({ RespID: typeId * 100 + index + 1, Resp_Desc: name }))
  ])
)

export const TEAM_NAMES: ReadonlyMap<number, string> = new Map([
  [1, 'Care team'],
  [2, 'Welcome team'],
  [3, 'Prayer team'],
  [4, 'Deacons'],
  [5, 'Youth ministry'],
  [6, 'Hospitality team']
])
