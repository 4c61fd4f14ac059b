import { DeskError } from '$shared/errors'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { controlErrorsOf, type ControlErrors, type FieldControls } from './control-errors'
import { ResultNotSavedError } from './result-not-saved-error'

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: ControlErrors }

/**
 * One Save at a time: check the input, write it, and keep what went wrong for the screen.
 * The clerk's input lives elsewhere and is never touched here, so it survives any failure.
 */
export class SaveFlow {
  #errors = $state.raw<ControlErrors>({})
  #saving = $state(false)

  get errors(): ControlErrors {
    return this.#errors
  }

  get saving(): boolean {
    return this.#saving
  }

  /**
   * Resolves to the saved item only once `persist` has resolved (the outbox resolves after
   * its strict transaction commits); to null when the input was invalid or the write failed.
   */
  async run<T>(
    check: () => Checked<T>,
    persist: (value: T) => Promise<OutboxItem>,
    controls: FieldControls
  ): Promise<OutboxItem | null> {
    if (this.#saving) return null
    const checked = check()
    if (!checked.ok) {
      this.#errors = checked.errors
      return null
    }
    this.#saving = true
    try {
      const item = await persist(checked.value)
      this.#errors = {}
      return item
    } catch (error) {
      this.#errors = failureErrors(writeFailure(error), controls)
      return null
    } finally {
      this.#saving = false
    }
  }
}

/** Typed refusals keep their reason; anything else is a failure to write. */
function writeFailure(error: unknown): DeskError {
  return error instanceof DeskError ? error : new ResultNotSavedError(error)
}

/** A refused write names its reason in the summary, and any field it blames beside the field. */
function failureErrors(error: DeskError, controls: FieldControls): ControlErrors {
  const errors = error.fieldErrors ? controlErrorsOf(error.fieldErrors, controls) : {}
  return { ...errors, form: [`Not saved: ${error.message}`, ...(errors.form ?? [])] }
}
