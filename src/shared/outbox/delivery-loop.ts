import type { OutboxReport, SendBatchResult, SendItem } from '../bridge/channels'
import { DeskError } from '../errors'
import type { DeliveryOutcome } from './delivery-outcome'
import { nextDueAt, pickDueItems } from './delivery-order'
import { UNSENT_STATES, type OutboxItem } from './outbox-item'
import { applyOutcome, beginSending } from './outbox-transitions'

/**
 * The page's side of a delivery: pick what is due, lock it, hand one batch to the main
 * process, record each answer, and repeat while anything is due. Pure orchestration: the
 * store, the sender and the clock come in as arguments (Dexie and the bridge in the app,
 * memory and a real client in tests).
 */
export interface DeliveryLoopStore {
  /** Every item in an unsent state (queued, sending, waiting, needs-attention, unknown-outcome). */
  listUnsent(): Promise<OutboxItem[]>
  /** Resolves only once the items are committed. */
  saveAll(items: OutboxItem[]): Promise<void>
}

export interface DeliveryLoopOptions {
  store: DeliveryLoopStore
  send(items: SendItem[]): Promise<SendBatchResult>
  report(report: OutboxReport): Promise<void>
  now(): number
  /** Items per send batch. */
  batchSize?: number
  /**
   * The site signed in now ("<baseUrl>#<siteNumber>"): items of another site are never
   * sent with these credentials. Undefined sends every site's items (one-site setups).
   */
  siteKey?: () => string | undefined
}

export interface DrainSummary {
  /** Batches handed to the sender. */
  batches: number
  /** The last batch came back paused (a 401, or nobody signed in). */
  paused: boolean
}

export interface DeliveryLoop {
  /** Sends until nothing is due. Calls during a drain share it and cause one more pass. */
  drain(): Promise<DrainSummary>
}

export const DEFAULT_BATCH_SIZE = 20

const NOT_ATTEMPTED: DeliveryOutcome = {
  kind: 'not-attempted',
  message: 'Not sent: no answer for this result came back from the sender'
}

export function createDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  let running: Promise<DrainSummary> | undefined
  let again = false

  async function drainOnce(): Promise<DrainSummary> {
    let batches = 0
    let paused = false
    let latest: OutboxItem[] | undefined
    try {
      for (;;) {
        const siteKey = options.siteKey?.()
        const items = await options.store.listUnsent()
        latest = items
        const due = pickDueItems(items, options.now(), {
          limit: batchSize,
          ...(siteKey === undefined ? {} : { siteKey })
        })
        if (due.length === 0) break
        latest = undefined
        const result = await sendBatch(due)
        batches++
        paused = result.paused
        // A batch that tried nothing would come back due at once: stop rather than spin.
        const triedNothing = result.results.every((entry) => entry.outcome.kind === 'not-attempted')
        if (paused || triedNothing) break
      }
    } finally {
      // The report also goes out after a failure, so the main process keeps its timers right.
      await report(latest ?? (await options.store.listUnsent()))
    }
    return { batches, paused }
  }

  async function sendBatch(due: OutboxItem[]): Promise<SendBatchResult> {
    const locked = due.map((item) => beginSending(item, options.now()))
    await options.store.saveAll(locked)
    let result: SendBatchResult
    try {
      result = await options.send(locked.map(toSendItem))
    } catch (error) {
      await options.store.saveAll(
        locked.map((item) => applyOutcome(item, notAttemptedBecause(error), options.now()))
      )
      throw asDeskError(error)
    }
    const outcomes = new Map(result.results.map((entry) => [entry.id, entry.outcome]))
    const settledAt = options.now()
    await options.store.saveAll(
      locked.map((item) => applyOutcome(item, outcomes.get(item.id) ?? NOT_ATTEMPTED, settledAt))
    )
    return result
  }

  async function report(items: OutboxItem[]): Promise<void> {
    const siteKey = options.siteKey?.()
    await options.report({
      unsentCount: items.filter((item) => UNSENT_STATES.includes(item.state)).length,
      nextDueAt: nextDueAt(items, siteKey === undefined ? {} : { siteKey }),
      captured: false
    })
  }

  return {
    drain() {
      if (running) {
        again = true
        return running
      }
      running = (async () => {
        try {
          let summary: DrainSummary
          do {
            again = false
            summary = await drainOnce()
          } while (again)
          return summary
        } finally {
          running = undefined
        }
      })()
      return running
    }
  }
}

function toSendItem(item: OutboxItem): SendItem {
  return { id: item.id, idempotencyKey: item.idempotencyKey, body: item.body }
}

function notAttemptedBecause(error: unknown): DeliveryOutcome {
  return { kind: 'not-attempted', message: `Not sent: ${messageOf(error)}` }
}

function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error
  return new DeskError(
    `The results could not be handed over for sending (${messageOf(error)}); they will be tried again`
  )
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
