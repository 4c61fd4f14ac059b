/**
 * CONTRACT.md section 1 written a second time, as plainly as possible and without zod,
 * so property tests can compare the real schema against it.
 */

const ALL_FIELDS = [
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
]
const EXISTING_FIELDS = [
  'ConnectionId',
  'Complete',
  'ConnectionDate',
  'Reassign',
  'NewCallerIndvId',
  'NewTeamId',
  'Comment',
  'ResponseIdList'
]

const isInteger = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value)
const isBoolean = (value: unknown): boolean => typeof value === 'boolean'
const isPositive = (value: unknown): boolean => isInteger(value) && value > 0
const isIdOrMinusOne = (value: unknown): boolean => value === -1 || isPositive(value)

export function isRealDate(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[0-9]{2}\/[0-9]{2}\/[0-9]{4}$/.test(value)) return false
  const [month, day, year] = value.split('/').map(Number) as [number, number, number]
  if (year === 0) return false
  const date = new Date(0)
  date.setUTCFullYear(year, month - 1, day)
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  )
}

/** What a person calls characters: grapheme clusters (an emoji with a skin tone is one). */
function characters(text: string): number {
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length
}

function isResponseList(value: unknown): boolean {
  if (!Array.isArray(value) || value.length === 0 || !value.every(isInteger)) return false
  if (value.length === 1 && value[0] === -1) return true
  return value.every((id) => id > 0) && new Set(value).size === value.length
}

const FIELD_RULES: Record<string, (value: unknown) => boolean> = {
  ConnectionId: isIdOrMinusOne,
  Complete: isBoolean,
  ConnectionDate: isRealDate,
  ConnectionTypeId: isPositive,
  FamilyConnection: isBoolean,
  ContactIndvId: isPositive,
  OpenCategoryId: (value) => value === 1,
  Reassign: isBoolean,
  NewCallerIndvId: isIdOrMinusOne,
  NewTeamId: isIdOrMinusOne,
  Comment: (value) => typeof value === 'string' && characters(value) <= 2000,
  ResponseIdList: isResponseList
}

export function contractAccepts(body: unknown): boolean {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return false
  const fields = body as Record<string, unknown>
  const present = (field: string): boolean => Object.hasOwn(fields, field)
  for (const field of ALL_FIELDS) {
    if (present(field) && !FIELD_RULES[field]?.(fields[field])) return false
  }
  const isNew = fields.ConnectionId === -1
  if (!(isNew ? ALL_FIELDS : EXISTING_FIELDS).every(present)) return false
  if (fields.Complete === true && fields.Reassign === true) return false
  if (isNew && fields.Reassign === true) return false
  const callerIsNone = fields.NewCallerIndvId === -1
  const teamIsNone = fields.NewTeamId === -1
  if (isNew || fields.Reassign === true) return callerIsNone !== teamIsNone
  return callerIsNone && teamIsNone
}
