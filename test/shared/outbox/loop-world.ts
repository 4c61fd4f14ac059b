import type { OutboxReport, SendBatchResult, SendItem } from '../../../src/shared/bridge/channels'
import { buildNewConnection } from '../../../src/shared/change-request'
import { createDeliveryLoop } from '../../../src/shared/outbox/delivery-loop'
import type { DeliveryOutcome } from '../../../src/shared/outbox/delivery-outcome'
import type { OutboxItem } from '../../../src/shared/outbox/outbox-item'
import { createOutboxItem } from '../../../src/shared/outbox/outbox-transitions'
import { createMemoryOutboxStore } from '../../main/delivery/memory-outbox-store'

export const SITE = 'https://secure.accessacs.com/api_accessacs_mobile/v2#12345'
const T0 = Date.UTC(2025, 2, 14, 9, 0, 0)

export function newItem(sequence: number): OutboxItem {
  const built = buildNewConnection({
    connectionTypeId: 1,
    contactIndvId: 76,
    familyConnection: false,
    assignee: { kind: 'team', teamId: 1 },
    complete: false,
    date: '03/14/2025',
    comment: `result ${sequence}`,
    responseIds: []
  })
  if (!built.ok) throw new Error('fixture body is invalid')
  return createOutboxItem({
    id: `item-${sequence}`,
    idempotencyKey: `key-${sequence}`,
    siteKey: SITE,
    capturedBy: 'clerk',
    sequence,
    capturedAt: T0 + sequence,
    body: built.body,
    summary: { operation: 'new', contactName: 'Ann Lee', connectionTypeName: 'Visitor' }
  })
}

export const accepted = (id: number): DeliveryOutcome => ({
  kind: 'accepted',
  connectionCRId: id,
  status: 200,
  idempotencyHonoured: true
})

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
