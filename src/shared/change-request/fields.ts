/** The twelve fields of a connection change request, in the order CONTRACT.md lists them. */
export const CHANGE_REQUEST_FIELDS = [
  'ConnectionId',
  'Complete',
  'ConnectionDate',
  'ConnectionTypeId',
  'FamilyConnection',
  'ContactIndvId',
  'OpenCategoryId',
  'Reassign',
  'NewCallerIndvId',
  'NewTeamId',
  'Comment',
  'ResponseIdList'
] as const

export type ChangeRequestField = (typeof CHANGE_REQUEST_FIELDS)[number]

/** How a clerk knows each field: error messages use these words, never the API's names. */
export const FIELD_LABELS: Record<ChangeRequestField, string> = {
  ConnectionId: 'Connection',
  Complete: 'Completed',
  ConnectionDate: 'Connection date',
  ConnectionTypeId: 'Connection type',
  FamilyConnection: 'Family connection',
  ContactIndvId: 'Contact',
  OpenCategoryId: 'Open category',
  Reassign: 'Reassign',
  NewCallerIndvId: 'Assigned person',
  NewTeamId: 'Assigned team',
  Comment: 'Comment',
  ResponseIdList: 'Responses'
}

/** The service's limit is unknown; ours lives here and only here. */
export const COMMENT_MAX_LENGTH = 2000

/** ConnectionId that asks the service to add a new connection. */
export const NEW_CONNECTION_ID = -1

/** NewCallerIndvId / NewTeamId value meaning "not this one". */
export const NO_ASSIGNEE = -1

/** ResponseIdList entry meaning "no responses"; it never mixes with real ids. */
export const NO_RESPONSE_ID = -1

/** The service ignores OpenCategoryId, but the seed says to always send 1. */
export const OPEN_CATEGORY_ID = 1

/** Fields every operation requires (CONTRACT.md section 1, "required fields"). */
const REQUIRED_FOR_EXISTING = [
  'ConnectionId',
  'Complete',
  'ConnectionDate',
  'Reassign',
  'NewCallerIndvId',
  'NewTeamId',
  'Comment',
  'ResponseIdList'
] as const satisfies readonly ChangeRequestField[]
export type FieldRequiredForExisting = (typeof REQUIRED_FOR_EXISTING)[number]
export const FIELDS_REQUIRED_FOR_EXISTING: readonly ChangeRequestField[] = REQUIRED_FOR_EXISTING

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' })
const PLAIN_TEXT = /^[\t\n\x20-\x7e]*$/

/**
 * Comment length as a person counts it: an emoji (with its skin tone, a flag, a family) or
 * an accented letter is one character, however many code points it is made of.
 */
export function commentLength(comment: string): number {
  // Segmenting is ~50x slower than counting; plain ASCII has one character per unit.
  if (PLAIN_TEXT.test(comment)) return comment.length
  let count = 0
  for (const _ of graphemes.segment(comment)) count++
  return count
}
