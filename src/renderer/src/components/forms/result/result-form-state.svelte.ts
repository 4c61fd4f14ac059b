import {
  buildComplete,
  buildKeepOpen,
  buildReassign,
  operationOf,
  type BuildResult,
  type ChangeRequest,
  type ExistingConnectionResult
} from '$shared/change-request'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import type { ConnectionRow } from '$renderer/state/connections-list-state.svelte'
import { AssigneeChoice, type AssigneeDirectory } from '../fields/assignee-choice.svelte'
import {
  addError,
  controlErrorsOf,
  RESULT_FIELD_CONTROLS,
  type ControlErrors
} from '../entry/control-errors'
import { ResultFieldsState } from '../fields/result-fields-state.svelte'
import type { Checked } from '../entry/save-flow.svelte'
import { SaveFlow } from '../entry/save-flow.svelte'

export type ResultOperation = 'complete' | 'keep-open' | 'reassign'

export interface ResultToSave {
  body: ChangeRequest
  summary: OutboxItemSummary
}

export interface ResultFormOptions {
  row: ConnectionRow
  directory: AssigneeDirectory
  /** `MM/DD/YYYY`: the date a new result starts with. */
  today: string
  /** An unsent result to change instead of capturing a new one. */
  editing?: OutboxItem
}

export const CHOOSE_OPERATION = 'Choose what happened: Complete, Keep open or Reassign'

/**
 * The result of one contact attempt on an existing connection. The operation starts unchosen
 * (closing a connection by accident is worse than one more keystroke).
 */
export class ResultFormState {
  readonly fields: ResultFieldsState
  readonly assignee: AssigneeChoice
  readonly save = new SaveFlow()
  readonly #row: ConnectionRow
  readonly #directory: AssigneeDirectory
  readonly #initial: string
  operation = $state<ResultOperation | null>(null)

  constructor(options: ResultFormOptions) {
    this.#row = options.row
    this.#directory = options.directory
    const body = options.editing?.body
    this.fields = new ResultFieldsState({
      date: body?.ConnectionDate ?? options.today,
      responseIds: body?.ResponseIdList ?? [],
      comment: body?.Comment ?? ''
    })
    this.assignee =
      body && body.Reassign
        ? AssigneeChoice.fromBody(body, options.directory, options.editing?.summary.assigneeName)
        : new AssigneeChoice()
    const operation = body ? operationOf(body) : null
    this.operation = operation === null || operation === 'new' ? null : operation
    this.#initial = this.#snapshot()
  }

  /** The clerk typed or chose something since the form opened. */
  get dirty(): boolean {
    return this.#snapshot() !== this.#initial
  }

  /** The body and summary to save, or every problem by control. */
  check(): Checked<ResultToSave> {
    const operation = this.operation
    const built = this.#build(operation ?? 'keep-open')
    if (operation !== null && built.ok) {
      return { ok: true, value: { body: built.body, summary: this.#summary(operation) } }
    }
    // Without an operation the other fields are still checked, so every problem shows at once.
    const errors: ControlErrors = built.ok
      ? {}
      : controlErrorsOf(built.errors, RESULT_FIELD_CONTROLS)
    if (operation === null) addError(errors, 'operation', CHOOSE_OPERATION)
    return { ok: false, errors }
  }

  #build(operation: ResultOperation): BuildResult {
    const connection = this.#row.connection
    const contactId = connection.contact?.id
    const input: ExistingConnectionResult = {
      connectionId: connection.id,
      // What the app knows of the connection goes with it; without its contact, nothing.
      ...(contactId === undefined
        ? {}
        : {
            connection: {
              connectionTypeId: connection.typeId,
              contactIndvId: contactId,
              familyConnection: connection.familyConnection
            }
          }),
      date: this.fields.normalizedDate,
      comment: this.fields.comment,
      responseIds: this.fields.responseIds
    }
    switch (operation) {
      case 'complete':
        return buildComplete(input)
      case 'keep-open':
        return buildKeepOpen(input)
      case 'reassign':
        return buildReassign({ ...input, assignee: this.assignee.toAssignee() })
    }
  }

  #summary(operation: ResultOperation): OutboxItemSummary {
    const summary: OutboxItemSummary = {
      operation,
      contactName: this.#row.contactName,
      connectionTypeName: this.#row.typeName
    }
    const assigneeName =
      operation === 'reassign' ? this.assignee.describe(this.#directory) : undefined
    return assigneeName ? { ...summary, assigneeName } : summary
  }

  #snapshot(): string {
    const assignee = this.assignee.values()
    return JSON.stringify({
      fields: this.fields.values(),
      operation: this.operation,
      assignee: { ...assignee, person: assignee.person?.id ?? null }
    })
  }
}
