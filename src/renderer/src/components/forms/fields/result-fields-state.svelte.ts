import { COMMENT_MAX_LENGTH, NO_RESPONSE_ID, commentLength } from '$shared/change-request'
import { normalizeDateInput } from './date-input'

export interface ResultFieldValues {
  /** As typed; `MM/DD/YYYY` once normalized. */
  date: string
  responseIds: readonly number[]
  comment: string
}

/** How close to the comment limit the counter starts to warn. */
export const COMMENT_WARN_REMAINING = 100

/** What every result carries, on an existing connection or a new one: date, responses, comment. */
export class ResultFieldsState {
  date = $state('')
  #responseIds = $state.raw<number[]>([])
  comment = $state('')
  #commentLength = $derived(commentLength(this.comment))

  constructor(initial: ResultFieldValues) {
    this.date = initial.date
    // "No responses" is how the API spells an empty choice; the form shows it as nothing ticked.
    this.#responseIds = initial.responseIds
      .filter((id) => id !== NO_RESPONSE_ID)
      .sort((a, b) => a - b)
    this.comment = initial.comment
  }

  /** The date as the builders want it: `3/9/2025` becomes `03/09/2025`. */
  get normalizedDate(): string {
    return normalizeDateInput(this.date)
  }

  get responseIds(): readonly number[] {
    return this.#responseIds
  }

  /** In characters as a person counts them (an emoji is one). */
  get commentLength(): number {
    return this.#commentLength
  }

  /** Negative when the comment is over the limit. */
  get commentRemaining(): number {
    return COMMENT_MAX_LENGTH - this.#commentLength
  }

  get commentNearLimit(): boolean {
    return this.commentRemaining <= COMMENT_WARN_REMAINING
  }

  hasResponse(responseId: number): boolean {
    return this.#responseIds.includes(responseId)
  }

  setResponse(responseId: number, chosen: boolean): void {
    const others = this.#responseIds.filter((id) => id !== responseId)
    // Sorted, so ticking and unticking a response leaves the form as it was (not "changed").
    this.#responseIds = chosen ? [...others, responseId].sort((a, b) => a - b) : others
  }

  /** After the connection type changes, responses of the old type no longer apply. */
  keepResponses(allowed: readonly number[]): void {
    this.#responseIds = this.#responseIds.filter((id) => allowed.includes(id))
  }

  values(): ResultFieldValues {
    return { date: this.date, responseIds: [...this.#responseIds], comment: this.comment }
  }
}
