/**
 * What versions 1 and 2 of the database stored: the shapes of the lookups the app had
 * invented before it spoke the real Access ACS API. Only the upgrades read them.
 */
export interface LegacyPersonRow {
  IndvId: number
  FamilyId: number
  FirstName: string
  LastName: string
  PreferredName: string
  Email: string
  Phone: string
}

export interface LegacyConnectionRow {
  ConnectionId: number
  ConnectionTypeId: number
  ContactIndvId: number
  FamilyConnection: boolean
  CallerIndvId: number
  TeamId: number
  /** `MM/DD/YYYY`, or empty. */
  DueDate: string
  Status: 'Open' | 'Closed'
  LastComment: string
}

export interface LegacyTypeRow {
  ConnectionTypeId: number
  Description: string
  Active: boolean
}

export interface LegacyResponseRow {
  ConnectionTypeId: number
  ResponseId: number
  Description: string
}

export interface LegacyTeamRow {
  TeamId: number
  Name: string
}
