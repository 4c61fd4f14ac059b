import { buildNewConnection, NO_ASSIGNEE, type ChangeRequest } from '$shared/change-request'
import type { ConnectionType, Person } from '$shared/lookups'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import { AssigneeChoice, type AssigneeDirectory } from '../fields/assignee-choice.svelte'
import {
  controlErrorsOf,
  NEW_CONNECTION_FIELD_CONTROLS,
  type ControlErrors
} from '../entry/control-errors'
import { displayName, personNotInDirectory } from '$renderer/search/person-text'
import { ResultFieldsState } from '../fields/result-fields-state.svelte'
import { SaveFlow, type Checked } from '../entry/save-flow.svelte'

export interface NewConnectionDirectory extends AssigneeDirectory {
  typeById(connectionTypeId: number): ConnectionType | undefined
}

export interface NewConnectionFormOptions {
  directory: NewConnectionDirectory
  today: string
  editing?: OutboxItem
  /** Who will be contacted, chosen before the form opened (from the person's connections). */
  contact?: Person
}

export interface NewConnectionToSave {
  body: ChangeRequest
  summary: OutboxItemSummary
}

export const CHOOSE_CONTACT = 'Choose who will be contacted'
export const CHOOSE_TYPE = 'Choose the connection type'

/** A connection the clerk adds: who, what kind, who makes the contact, and the first result. */
export class NewConnectionFormState {
  readonly fields: ResultFieldsState
  readonly assignee: AssigneeChoice
  readonly save = new SaveFlow()
  readonly #directory: NewConnectionDirectory
  readonly #initial: string
  #contact = $state.raw<Person | null>(null)
  family = $state(false)
  #typeId = $state<number | null>(null)
  complete = $state(false)

  constructor(options: NewConnectionFormOptions) {
    this.#directory = options.directory
    const editing = options.editing
    const body = editing?.body
    this.fields = new ResultFieldsState({
      date: body?.ConnectionDate ?? options.today,
      responseIds: body?.ResponseIdList ?? [],
      comment: body?.Comment ?? ''
    })
    this.assignee = body
      ? AssigneeChoice.fromBody(body, options.directory, editing?.summary.assigneeName)
      : new AssigneeChoice()
    if (body?.ContactIndvId !== undefined) {
      this.#contact =
        options.directory.personById(body.ContactIndvId) ??
        personNotInDirectory(body.ContactIndvId, editing?.summary.contactName)
    } else if (options.contact) {
      this.#contact = options.contact
    }
    this.family = body?.FamilyConnection ?? false
    this.#typeId = body?.ConnectionTypeId ?? null
    this.complete = body?.Complete ?? false
    this.#initial = this.#snapshot()
  }

  get contact(): Person | null {
    return this.#contact
  }

  get typeId(): number | null {
    return this.#typeId
  }

  get dirty(): boolean {
    return this.#snapshot() !== this.#initial
  }

  chooseContact(person: Person | null): void {
    this.#contact = person
  }

  /** `allowedResponses`: the new type's responses; ticks of the old type's are dropped. */
  chooseType(typeId: number | null, allowedResponses: readonly number[]): void {
    this.#typeId = typeId
    this.fields.keepResponses(allowedResponses)
  }

  check(): Checked<NewConnectionToSave> {
    const contact = this.#contact
    const typeId = this.#typeId
    const built = buildNewConnection({
      // Unchosen becomes -1, which the schema refuses; the clerk reads the messages below.
      contactIndvId: contact?.id ?? NO_ASSIGNEE,
      connectionTypeId: typeId ?? NO_ASSIGNEE,
      familyConnection: this.family,
      assignee: this.assignee.toAssignee(),
      complete: this.complete,
      date: this.fields.normalizedDate,
      comment: this.fields.comment,
      responseIds: this.fields.responseIds
    })
    if (built.ok) {
      return { ok: true, value: { body: built.body, summary: this.#summary() } }
    }
    const errors: ControlErrors = controlErrorsOf(built.errors, NEW_CONNECTION_FIELD_CONTROLS)
    // "Contact must be a positive id" is the API's view; the clerk simply has not chosen yet.
    if (contact === null) errors.contact = [CHOOSE_CONTACT]
    if (typeId === null) errors.type = [CHOOSE_TYPE]
    return { ok: false, errors }
  }

  #summary(): NewConnectionToSave['summary'] {
    const typeId = this.#typeId ?? NO_ASSIGNEE
    const summary: OutboxItemSummary = {
      operation: 'new',
      contactName: this.#contact ? displayName(this.#contact) : '',
      connectionTypeName: this.#directory.typeById(typeId)?.name ?? `Type ${typeId}`
    }
    const assigneeName = this.assignee.describe(this.#directory)
    return assigneeName ? { ...summary, assigneeName } : summary
  }

  #snapshot(): string {
    const assignee = this.assignee.values()
    return JSON.stringify({
      fields: this.fields.values(),
      contact: this.#contact?.id ?? null,
      family: this.family,
      typeId: this.#typeId,
      complete: this.complete,
      assignee: { ...assignee, person: assignee.person?.id ?? null }
    })
  }
}
