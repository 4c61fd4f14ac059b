import type { ChangeRequestField, FieldErrors } from '$shared/change-request'

/** The controls a clerk sees; the API's fields are mapped onto them. */
export type ControlKey =
  | 'date'
  | 'responses'
  | 'comment'
  | 'operation'
  | 'assignee'
  | 'contact'
  | 'family'
  | 'type'
  | 'complete'
  /** Problems no single control can fix: shown only in the summary. */
  | 'form'

export type ControlErrors = Partial<Record<ControlKey, string[]>>

export type FieldControls = Partial<Record<ChangeRequestField, ControlKey>>

/** The fields a result on an existing connection lets the clerk change. */
export const RESULT_FIELD_CONTROLS: FieldControls = {
  ConnectionDate: 'date',
  ResponseIdList: 'responses',
  Comment: 'comment',
  NewCallerIndvId: 'assignee',
  NewTeamId: 'assignee'
}

/** A new connection lets the clerk choose every field but the fixed ones. */
export const NEW_CONNECTION_FIELD_CONTROLS: FieldControls = {
  ...RESULT_FIELD_CONTROLS,
  ContactIndvId: 'contact',
  FamilyConnection: 'family',
  ConnectionTypeId: 'type',
  Complete: 'complete'
}

/** How the error summary names each control. */
export const CONTROL_LABELS: Record<ControlKey, string> = {
  date: 'Date',
  responses: 'Responses',
  comment: 'Comment',
  operation: 'Outcome',
  assignee: 'Assign to',
  contact: 'Contact',
  family: 'Individual or family',
  type: 'Connection type',
  complete: 'Already completed',
  form: 'Result'
}

/** Puts each field's messages beside the control that sets it; the rest go to the summary. */
export function controlErrorsOf(
  errors: FieldErrors | Record<string, string[] | undefined>,
  controls: FieldControls
): ControlErrors {
  const result: ControlErrors = {}
  for (const [field, messages] of Object.entries(errors)) {
    const key = (controls as Record<string, ControlKey | undefined>)[field] ?? 'form'
    for (const message of messages ?? []) addError(result, key, message)
  }
  return result
}

export function addError(errors: ControlErrors, key: ControlKey, message: string): void {
  const list = (errors[key] ??= [])
  if (!list.includes(message)) list.push(message)
}
