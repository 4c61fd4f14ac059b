import type { Blocker } from './delivery-order'
import type { OutboxItem } from './outbox-item'

export interface DescribeOptions {
  /** A 401 paused the queue: nothing goes out until the clerk signs in again. */
  paused?: boolean
  /** What holds the item back (from blockedBy or blockersOf), if anything. */
  blocker?: Blocker
  /** How a time is shown; by default the local `HH:MM`. */
  formatTime?: (at: number) => string
}

/** The item's state in plain words for the outbox list. */
export function describeState(item: OutboxItem, options: DescribeOptions = {}): string {
  const formatTime = options.formatTime ?? localClockTime
  const waitingToGo =
    item.state === 'queued' || item.state === 'waiting' || item.state === 'unknown-outcome'
  if (waitingToGo && options.paused) {
    return item.state === 'unknown-outcome'
      ? 'Paused: sign in again — not sure the last try arrived'
      : 'Paused: sign in again'
  }
  if (waitingToGo && options.blocker) return options.blocker.reason
  switch (item.state) {
    case 'queued':
      return 'Queued'
    case 'sending':
      return 'Sending'
    case 'waiting':
      return item.nextAttemptAt === undefined
        ? 'Waiting to send'
        : `Waiting to send — next try ${formatTime(item.nextAttemptAt)}`
    case 'unknown-outcome':
      return 'Not sure it arrived — will resend safely'
    case 'needs-attention':
      return `Needs your attention: ${item.attention?.message ?? 'Access ACS refused this result'}`
    case 'sent': {
      const number = item.receipt ? ` — change request ${item.receipt.connectionCRId}` : ''
      const duplicate = item.receipt?.possibleDuplicate
        ? ' (an earlier try may also have arrived: check for a duplicate in ACS)'
        : ''
      return `Sent${number}${duplicate}`
    }
    case 'discarded':
      return 'Discarded'
  }
}

/** `HH:MM` on the clerk's clock. */
export function localClockTime(at: number): string {
  const moment = new Date(at)
  const pad = (value: number): string => String(value).padStart(2, '0')
  return `${pad(moment.getHours())}:${pad(moment.getMinutes())}`
}
