import type { OutboxReport, SendBatchResult, SendItem } from '$shared/bridge/channels'
import { createDeliveryLoop } from '$shared/outbox/delivery-loop'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { createMemoryOutboxStore } from '../../main/support/memory-outbox-store'
import { capture, outcomes, T0 } from './outbox-fixtures'

export const SITE = 'https://secure.accessacs.com/api_accessacs_mobile/v2#12345'

/** Item `sequence`: a new connection, its comment naming the sequence. */
export function newItem(sequence: number): OutboxItem {
  return capture(sequence, -1, { siteKey: SITE, comment: `result ${sequence}` })
}

export const accepted = (id: number): DeliveryOutcome => outcomes.accepted(id, true)

/** A batch out: the test answers it when it chooses. */
export interface HeldBatch {
  items: SendItem[]
  answer(result?: SendBatchResult): void
}

/**
 * The delivery loop over a memory store whose writes can be refused (as a full disk
 * refuses them), with a sender the test answers batch by batch.
 */
export function loopWorld(options: { batchSize?: number } = {}) {
  const store = createMemoryOutboxStore()
  const held: HeldBatch[] = []
  const sent: SendItem[][] = []
  const reports: OutboxReport[] = []
  let refuse: Error | null = null
  let crId = 1000
  const acceptAll = (items: SendItem[]): SendBatchResult => ({
    results: items.map((item) => ({ id: item.id, outcome: accepted(++crId) })),
    paused: false
  })
  const refuseIfFull = (): void => {
    if (refuse) throw refuse
  }
  const loop = createDeliveryLoop({
    store: {
      listUnsent: () => store.listUnsent(),
      saveAll: async (items) => {
        refuseIfFull()
        return store.saveAll(items)
      },
      settleAndLock: async (settled, toLock, at) => {
        refuseIfFull()
        return store.settleAndLock(settled, toLock, at)
      }
    },
    send: ({ items }) =>
      new Promise<SendBatchResult>((resolve) => {
        sent.push(items)
        held.push({ items, answer: (result) => resolve(result ?? acceptAll(items)) })
      }),
    report: async (report) => {
      reports.push(report)
    },
    now: () => T0 + 60_000,
    siteKey: SITE,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize })
  })
  return {
    store,
    loop,
    held,
    sent,
    reports,
    /** Every write from now on is refused with this error (null accepts them again). */
    refuseWrites(error: Error | null): void {
      refuse = error
    },
    states: () => store.all().map((item) => item.state)
  }
}

/** What Chromium's IndexedDB says when the origin is over its quota. */
export function quotaExceeded(): Error {
  const error = new Error('The current transaction exceeded its quota limitations.')
  error.name = 'QuotaExceededError'
  return error
}

/** Lets the loop's awaited promises run, so a batch reaches the sender. */
export async function settle(): Promise<void> {
  for (let round = 0; round < 20; round++) await Promise.resolve()
}
