import type { SendBatchResult, SendItem } from '../shared/bridge/channels'
import type { DeliveryOutcome } from '../shared/outbox/delivery-outcome'
import type { ApiLogger } from './api/api-logger'
import type { Credentials } from './service-contracts'

/** Why items of a batch were left out when the page stopped delivering their site. */
export const STOPPED_MESSAGE =
  'Not sent: sending stopped for a sign-out or a change of site; this result goes out after the next sign-in to its site'
export const CLOSING_MESSAGE =
  'Not sent: Connections Desk is closing; this result goes out when it starts again'
/** The batch names a site other than the one signed in now (a sign-in elsewhere raced it). */
export const OTHER_SITE_MESSAGE =
  'Not sent: Connections Desk is signed in to a different site now; this result waits for the next sign-in to its own site'
const PAUSED_BY_401_MESSAGE = 'Not sent: the queue paused because the site refused the sign-in'

/** One batch while it is out: whose it is, and whether it may still start requests. */
export interface BatchOut {
  siteKey: string
  senderId: number
  /** Set when the batch must start no new request: what its left-out items are told. */
  stopReason?: string
}

export interface BatchPostingOptions {
  client: {
    postChangeRequest(credentials: Credentials, item: SendItem): Promise<DeliveryOutcome>
  }
  credentials: Credentials
  items: readonly SendItem[]
  batch: BatchOut
  concurrency: number
  logger: ApiLogger
  onAccepted(): void
}

export interface BatchPosting {
  results: SendBatchResult['results']
  /** The 401's message, when one stopped the batch. */
  stoppedBy401?: string
}

/**
 * Posts one batch's items, a few at a time, until they are done, a 401 says the credentials
 * stopped working, or the batch is told to stop (the page left the site, the app is
 * closing). Requests already out always finish with their own answers; the items never
 * started come back not attempted, saying why.
 */
export async function postBatch(options: BatchPostingOptions): Promise<BatchPosting> {
  const { items, batch } = options
  const outcomes: Array<DeliveryOutcome | undefined> = new Array(items.length)
  let next = 0
  let stoppedBy401: string | undefined
  const worker = async (): Promise<void> => {
    while (stoppedBy401 === undefined && batch.stopReason === undefined) {
      const index = next++
      const item = items[index]
      if (!item) return
      const outcome = await postSafely(options, item)
      outcomes[index] = outcome
      if (outcome.kind === 'accepted') options.onAccepted()
      if (outcome.kind === 'unauthorized') stoppedBy401 ??= outcome.message
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, items.length) }, worker))
  const leftOut: DeliveryOutcome = {
    kind: 'not-attempted',
    message: stoppedBy401 === undefined ? (batch.stopReason ?? '') : PAUSED_BY_401_MESSAGE
  }
  const results = items.map((item, index) => ({ id: item.id, outcome: outcomes[index] ?? leftOut }))
  return stoppedBy401 === undefined ? { results } : { results, stoppedBy401 }
}

export function allNotAttempted(
  items: readonly SendItem[],
  message: string,
  paused: boolean
): SendBatchResult {
  return {
    results: items.map((item) => ({ id: item.id, outcome: { kind: 'not-attempted', message } })),
    paused
  }
}

async function postSafely(options: BatchPostingOptions, item: SendItem): Promise<DeliveryOutcome> {
  try {
    return await options.client.postChangeRequest(options.credentials, item)
  } catch (error) {
    // The client classifies all network trouble; a throw is a fault in the app. The
    // request may have gone out, so the item is treated as possibly delivered.
    const name = error instanceof Error ? error.name : typeof error
    options.logger.warn(`delivery: item ${item.id} failed inside the app (${name})`)
    return {
      kind: 'no-answer',
      message: `Sending failed inside the app (${name}); the result may have arrived and will be checked again.`
    }
  }
}
