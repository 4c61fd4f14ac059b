import { DeskError } from '$shared/errors'

/** The clerk acted on a result that is no longer in this site's outbox (another window, say). */
export class OutboxItemMissingError extends DeskError {
  override name = 'OutboxItemMissingError'
  constructor(readonly itemId: string) {
    super('This result is no longer in the outbox. Reload the list and try again.')
  }
}
