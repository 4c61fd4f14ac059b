import { DeskError } from '../errors'
import type { OutboxItem, OutboxState } from './outbox-item'

export type OutboxAction = 'send' | 'record-outcome' | 'retry' | 'edit' | 'discard'

/**
 * An action the item's state does not allow. The item is left as it was; the message says
 * why and what the clerk can do instead.
 */
export class OutboxTransitionError extends DeskError {
  override name = 'OutboxTransitionError'
  constructor(
    readonly action: OutboxAction,
    readonly from: OutboxState,
    message: string
  ) {
    super(message)
  }
}

export function refuseTransition(action: OutboxAction, item: OutboxItem): OutboxTransitionError {
  return new OutboxTransitionError(action, item.state, refusalMessage(action, item))
}

function refusalMessage(action: OutboxAction, item: OutboxItem): string {
  const sentAs = item.receipt ? ` as change request ${item.receipt.connectionCRId}` : ''
  if (action === 'record-outcome') {
    // Only a bug in the app gets here; the message still tells the clerk nothing was lost.
    return `An answer from Access ACS arrived for a result that was not being sent (it is ${item.state}); the result was left unchanged. Please report this problem.`
  }
  switch (item.state) {
    case 'sending':
      return 'This result is being sent right now. Wait for the answer, then try again.'
    case 'sent':
      return `This result was already sent${sentAs}; it can no longer be changed here. To correct it, capture a new result.`
    case 'discarded':
      return 'This result was discarded and will not be sent. To send it, capture it again.'
    case 'needs-attention':
      return 'This result needs your attention first: edit it, or choose Retry to send it unchanged.'
    default:
      return `This result cannot be ${action === 'send' ? 'sent' : `${action}ed`} while it is ${item.state}.`
  }
}
