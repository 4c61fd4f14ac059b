import type { ChangeRequest } from '$shared/change-request'
import type { ConnectionResponse } from '$shared/lookups'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import { ResultFieldsState } from '../../components/forms/fields/result-fields-state.svelte'
import { toDeskError } from '$shared/errors'
import type { ConnectionRow } from '../../state/connections-list-state.svelte'
import {
  buildEach,
  commonResponses,
  planBulk,
  type BulkOperation,
  type BulkPlan,
  type BulkRights,
  type ReadyResult
} from './bulk-plan'

export interface BulkResultOptions {
  rows: readonly ConnectionRow[]
  rights: BulkRights
  responsesFor(connectionTypeId: number): ConnectionResponse[]
  /** Captures one result into the outbox (OutboxState.capture). */
  capture(body: ChangeRequest, summary: OutboxItemSummary): Promise<OutboxItem>
  /** `MM/DD/YYYY` */
  today: string
}

/**
 * "Same result for N…": one form for several connections, a confirmation that lists every
 * one (and those left out, with why), then one outbox item per connection, each its own
 * change request with its own idempotency key.
 */
export class BulkResultState {
  readonly fields: ResultFieldsState
  readonly common: ConnectionResponse[]
  operation = $state<BulkOperation | null>(null)
  #step = $state<'form' | 'confirm' | 'saved'>('form')
  #plan = $state.raw<BulkPlan | null>(null)
  #ready: ReadyResult[] = []
  #problems = $state.raw<string[]>([])
  #saving = $state(false)
  #saved = $state(0)
  readonly #options: BulkResultOptions

  constructor(options: BulkResultOptions) {
    this.#options = options
    this.fields = new ResultFieldsState({ date: options.today, responseIds: [], comment: '' })
    this.common = commonResponses(options.rows, options.responsesFor)
  }

  get count(): number {
    return this.#options.rows.length
  }

  get step(): 'form' | 'confirm' | 'saved' {
    return this.#step
  }

  get plan(): BulkPlan | null {
    return this.#plan
  }

  get problems(): string[] {
    return this.#problems
  }

  get saving(): boolean {
    return this.#saving
  }

  /** How many results were saved into the outbox. */
  get saved(): number {
    return this.#saved
  }

  /** Checks the form against every connection; on to the confirmation when all is well. */
  review(): void {
    const operation = this.operation
    if (operation === null) {
      this.#problems = ['Choose what happened: Complete or Keep open']
      return
    }
    const plan = planBulk(this.#options.rows, this.#options.rights)
    const fields = {
      date: this.fields.normalizedDate,
      comment: this.fields.comment,
      responseIds: [...this.fields.responseIds]
    }
    const { ready, problems } = buildEach(plan.included, operation, fields)
    this.#problems = problems
    if (problems.length > 0) return
    this.#plan = plan
    this.#ready = ready
    this.#step = 'confirm'
  }

  back(): void {
    this.#step = 'form'
  }

  /** One outbox item per included connection, saved one after another. */
  async save(): Promise<void> {
    const operation = this.operation
    if (this.#saving || this.#step !== 'confirm' || operation === null) return
    this.#saving = true
    this.#problems = []
    try {
      for (const { row, body } of this.#ready.slice(this.#saved)) {
        await this.#options.capture(body, {
          operation,
          contactName: row.contactName,
          connectionTypeName: row.typeName
        })
        this.#saved += 1
      }
      this.#step = 'saved'
    } catch (error) {
      const left = this.#ready.length - this.#saved
      this.#problems = [
        `${this.#saved} saved; ${left} not saved: ${toDeskError(error).message}`,
        'Press Save again to save the rest.'
      ]
    } finally {
      this.#saving = false
    }
  }
}
