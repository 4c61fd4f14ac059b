/**
 * The practice church as the simulator keeps it. Field names are the wire's where the wire
 * has them (CONTRACT.md section 2), so serializing is a matter of picking fields; nothing
 * here is the app's model (src/shared/lookups.ts), which the practice site never uses.
 */
export interface SimPerson {
  IndvId: number
  FamId: number
  FamilyPosition: 'Head' | 'Spouse' | 'Child'
  FirstName: string
  LastName: string
  /** Empty when the person goes by their first name. */
  GoesByName: string
  Email: string
  PhoneNumber: string
  Address: string
  City: string
  State: string
  Zipcode: string
}

export interface SimTeam {
  TeamId: number
  TeamName: string
  /** The IndvIds of the team's members, ascending. */
  members: readonly number[]
}

/** Who makes the contact: one person, a team, or (rarely) nobody yet. */
export type SimAssignee =
  { kind: 'person'; indvId: number } | { kind: 'team'; teamId: number } | { kind: 'none' }

export interface SimConnection {
  ConnectionId: number
  ConnectionTypeId: number
  ContactIndvId: number
  FamilyConnection: boolean
  assignee: SimAssignee
  /** `MM/DD/YYYY` */
  DateCreated: string
  /** `MM/DD/YYYY`, or empty when the connection has no due date. */
  DueDate: string
  Completed: boolean
  /** The latest comment, or empty. */
  Comment: string
  /** Responses recorded so far (ids of the type's responses). */
  responseIds: readonly number[]
}

export interface SimChurch {
  seed: number
  /** Ordered by IndvId, contiguous. */
  individuals: SimPerson[]
  teams: SimTeam[]
  /** Ordered by ConnectionId. */
  connections: SimConnection[]
}
