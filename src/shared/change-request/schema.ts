import * as z from 'zod'
import { CONNECTION_DATE_FORMAT, isConnectionDate } from './connection-date'
import {
  CHANGE_REQUEST_FIELDS,
  COMMENT_MAX_LENGTH,
  FIELDS_REQUIRED_FOR_EXISTING,
  FIELD_LABELS,
  NEW_CONNECTION_ID,
  NO_ASSIGNEE,
  NO_RESPONSE_ID,
  OPEN_CATEGORY_ID,
  commentLength,
  type ChangeRequestField,
  type FieldRequiredForExisting
} from './fields'

const label = FIELD_LABELS

function wholeNumber(field: ChangeRequestField) {
  return z.int({ error: `${label[field]} must be a whole number` })
}

function positiveId(field: ChangeRequestField) {
  return wholeNumber(field).refine((value) => value > 0, {
    error: `${label[field]} must be a positive id`
  })
}

function idOrNone(field: ChangeRequestField, noneMeaning: string) {
  return wholeNumber(field).refine((value) => value === NO_ASSIGNEE || value > 0, {
    error: `${label[field]} must be a positive id, or -1 for ${noneMeaning}`
  })
}

function yesOrNo(field: ChangeRequestField) {
  return z.boolean({ error: `${label[field]} must be true or false` })
}

/** One zod schema per field, each with a message a clerk can act on. */
export const fieldSchemas = {
  ConnectionId: wholeNumber('ConnectionId').refine(
    (value) => value === NEW_CONNECTION_ID || value > 0,
    { error: 'Connection must be an existing connection id, or -1 for a new connection' }
  ),
  Complete: yesOrNo('Complete'),
  ConnectionDate: z
    .string({ error: `Connection date must be a real date written ${CONNECTION_DATE_FORMAT}` })
    .refine(isConnectionDate, {
      error: `Connection date must be a real date written ${CONNECTION_DATE_FORMAT}`
    }),
  ConnectionTypeId: positiveId('ConnectionTypeId'),
  FamilyConnection: yesOrNo('FamilyConnection'),
  ContactIndvId: positiveId('ContactIndvId'),
  OpenCategoryId: wholeNumber('OpenCategoryId').refine((value) => value === OPEN_CATEGORY_ID, {
    error: `Open category must be ${OPEN_CATEGORY_ID}`
  }),
  Reassign: yesOrNo('Reassign'),
  NewCallerIndvId: idOrNone('NewCallerIndvId', 'no person'),
  NewTeamId: idOrNone('NewTeamId', 'no team'),
  Comment: z
    .string({ error: 'Comment must be text (it may be empty)' })
    .refine((text) => commentLength(text) <= COMMENT_MAX_LENGTH, {
      error: `Comment must be at most ${COMMENT_MAX_LENGTH.toLocaleString('en-US')} characters`
    }),
  ResponseIdList: z
    .array(wholeNumber('ResponseIdList'), {
      error: 'Responses must be a list of response ids, or [-1] for no responses'
    })
    .superRefine((ids, ctx) => {
      for (const problem of responseListProblems(ids))
        ctx.addIssue({ code: 'custom', message: problem })
    })
} satisfies Record<ChangeRequestField, z.ZodType>

function responseListProblems(ids: readonly number[]): string[] {
  if (ids.length === 0) return ['Choose at least one response, or send [-1] for no responses']
  const problems: string[] = []
  if (ids.includes(NO_RESPONSE_ID) && ids.length > 1) {
    problems.push('"No responses" (-1) cannot be combined with responses')
  }
  if (ids.some((id) => id !== NO_RESPONSE_ID && id <= 0)) {
    problems.push('Each response must be a positive response id')
  }
  if (new Set(ids).size !== ids.length) problems.push('Each response may be chosen only once')
  return problems
}

type FieldValues = { [F in ChangeRequestField]: z.output<(typeof fieldSchemas)[F]> }

/**
 * A valid change request. Operations on an existing connection may leave out the fields
 * they do not require; a new connection carries all twelve.
 */
export type ChangeRequest = Pick<FieldValues, FieldRequiredForExisting> & Partial<FieldValues>

export type ChangeRequestOperation = 'new' | 'complete' | 'keep-open' | 'reassign'

export const OPERATION_LABELS: Record<ChangeRequestOperation, string> = {
  new: 'New connection',
  complete: 'Complete',
  'keep-open': 'Keep open',
  reassign: 'Reassign'
}

export function operationOf(request: {
  ConnectionId: number
  Complete: boolean
  Reassign: boolean
}): ChangeRequestOperation {
  if (request.ConnectionId === NEW_CONNECTION_ID) return 'new'
  if (request.Reassign) return 'reassign'
  return request.Complete ? 'complete' : 'keep-open'
}

const looseFields = z.object(
  Object.fromEntries(
    CHANGE_REQUEST_FIELDS.map((field) => [field, fieldSchemas[field].optional()])
  ) as { [F in ChangeRequestField]: z.ZodOptional<(typeof fieldSchemas)[F]> }
)

/**
 * The whole rule set of CONTRACT.md section 1. Cross-field rules run even when a field
 * is malformed, so one answer names every problem at once.
 */
export const changeRequestSchema = looseFields
  .superRefine(
    (raw, ctx) => {
      for (const [field, message] of crossFieldProblems(raw as Record<string, unknown>)) {
        ctx.addIssue({ code: 'custom', path: [field], message })
      }
    },
    { when: () => true }
  )
  .transform((value) => value as ChangeRequest)

function requiredMessage(field: ChangeRequestField): string {
  if (field === 'ResponseIdList') return 'Responses are required: the chosen ids, or [-1] for none'
  return `${label[field]} is required`
}

function usable<F extends ChangeRequestField>(
  raw: Record<string, unknown>,
  field: F
): FieldValues[F] | undefined {
  const parsed = fieldSchemas[field].safeParse(raw[field])
  return parsed.success ? (parsed.data as FieldValues[F]) : undefined
}

function crossFieldProblems(raw: Record<string, unknown>): Array<[ChangeRequestField, string]> {
  const problems: Array<[ChangeRequestField, string]> = []
  const connectionId = usable(raw, 'ConnectionId')
  const isNew = connectionId === NEW_CONNECTION_ID
  // A new connection needs all twelve fields.
  const required = isNew ? CHANGE_REQUEST_FIELDS : FIELDS_REQUIRED_FOR_EXISTING
  for (const field of required) {
    if (raw[field] === undefined) problems.push([field, requiredMessage(field)])
  }

  const complete = usable(raw, 'Complete')
  const reassign = usable(raw, 'Reassign')
  if (complete === true && reassign === true) {
    problems.push(['Reassign', 'A connection cannot be completed and reassigned at once'])
  }
  if (isNew && reassign === true) {
    problems.push(['Reassign', 'A new connection cannot be reassigned; choose who makes it'])
  }

  const caller = usable(raw, 'NewCallerIndvId')
  const team = usable(raw, 'NewTeamId')
  if (caller === undefined || team === undefined) return problems
  const needsAssignee = isNew || reassign === true
  if (needsAssignee) {
    if (caller === NO_ASSIGNEE && team === NO_ASSIGNEE) {
      const what = isNew ? 'A new connection' : 'A reassigned connection'
      problems.push(['NewCallerIndvId', `${what} needs a person or a team to make the contact`])
      problems.push(['NewTeamId', `${what} needs a person or a team to make the contact`])
    } else if (caller !== NO_ASSIGNEE && team !== NO_ASSIGNEE) {
      const message = 'Choose a person or a team to make the contact, not both'
      problems.push(['NewCallerIndvId', message], ['NewTeamId', message])
    }
  } else if (connectionId !== undefined && reassign === false) {
    const message =
      'Only a reassignment or a new connection names who makes the contact; use -1 here'
    if (caller !== NO_ASSIGNEE) problems.push(['NewCallerIndvId', message])
    if (team !== NO_ASSIGNEE) problems.push(['NewTeamId', message])
  }
  return problems
}

/** Messages by field, in the ASP.NET ModelState shape the service answers with. */
export type FieldErrors = Partial<Record<ChangeRequestField | 'request', string[]>>

export type ValidationResult =
  { ok: true; value: ChangeRequest } | { ok: false; errors: FieldErrors; message: string }

export function validateChangeRequest(input: unknown): ValidationResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    const message = 'The change request must be a JSON object with the connection fields'
    return { ok: false, errors: { request: [message] }, message }
  }
  const parsed = changeRequestSchema.safeParse(input)
  if (parsed.success) return { ok: true, value: parsed.data }
  return { ok: false, errors: fieldErrorsOf(parsed.error), message: summarize(parsed.error) }
}

export function fieldErrorsOf(error: z.ZodError): FieldErrors {
  const errors: FieldErrors = {}
  for (const issue of error.issues) {
    const head = issue.path[0]
    const key = (
      typeof head === 'string' && head in FIELD_LABELS ? head : 'request'
    ) as keyof FieldErrors
    const list = (errors[key] ??= [])
    if (!list.includes(issue.message)) list.push(issue.message)
  }
  return errors
}

function summarize(error: z.ZodError): string {
  const count = new Set(error.issues.map((issue) => String(issue.path[0] ?? ''))).size
  return count === 1
    ? 'The change request has a problem in one field.'
    : `The change request has problems in ${count} fields.`
}
