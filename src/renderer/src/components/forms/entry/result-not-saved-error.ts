import { DeskError } from '$shared/errors'
import { toDeskError } from '$shared/errors'

/**
 * The outbox could not write a result (IndexedDB full, the database closed under it):
 * nothing was saved, and the form still holds the clerk's input.
 */
export class ResultNotSavedError extends DeskError {
  override name = 'ResultNotSavedError'

  constructor(cause: unknown) {
    super(
      `it could not be written to this computer (${toDeskError(cause).message}). What you entered is still here: try again, and restart Connections Desk if it keeps failing.`
    )
  }
}
