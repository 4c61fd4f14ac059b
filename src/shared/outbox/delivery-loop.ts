import type { OutboxReport, SendBatchResult, SendItem } from '../bridge/channels'
import { DeskError } from '../errors'
import type { DeliveryOutcome } from './delivery-outcome'
import { nextDueAt, pickDueItems } from './delivery-order'
import { UNSENT_STATES, type OutboxItem } from './outbox-item'
import { mergeSaved } from './merge-saved'
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
  /**
   * One transaction: writes `settled`, then locks (`beginSending`) each of `toLock` that is
   * still stored as it was listed (`lockIfStillListed`), so a clerk's edit or
   * discard, or another window's lock, made since the list was read wins. Resolves with the
   * items it locked, once committed.
   */
  settleAndLock(settled: OutboxItem[], toLock: OutboxItem[], now: number): Promise<OutboxItem[]>
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

/**
 * Items per send batch. Each batch costs a strict commit and a bridge round trip whatever
 * its size, which favours large batches; but the page handles a batch's answers in one
 * task, and at 250 those tasks passed 50 ms while the clerk typed (bench/RESULTS.md).
 */
export const DEFAULT_BATCH_SIZE = 100

const NOT_ATTEMPTED: DeliveryOutcome = {
  kind: 'not-attempted',
  message: 'Not sent: no answer for this result came back from the sender'
}

const NOT_SENT_AFTER_STOP: DeliveryOutcome = {
  kind: 'not-attempted',
  message: 'Not sent: sending stopped before this result went out'
}

/**
 * A pass reads the unsent list once and follows it in memory; each batch is locked in the
 * same transaction that records the previous batch's answers, while the batch before it is
 * still out. So the disk and the network work side by side, and a lock is always committed
 * before its batch leaves.
 */
export function createDeliveryLoop(options: DeliveryLoopOptions): DeliveryLoop {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_BATCH_SIZE))
  let running: Promise<DrainSummary> | undefined
  let again = false

  async function drainOnce(): Promise<DrainSummary> {
    let batches = 0
    let paused = false
    let unsent: OutboxItem[] | undefined
    /** Answers applied in memory whose commit rides with the next lock. */
    let unwritten: OutboxItem[] = []

    const follow = (saved: readonly OutboxItem[]): void => {
      unsent = mergeSaved(unsent ?? [], saved).items
    }

    /** Writes `settled` and locks the next due batch; re-reads the list if any lock lost. */
    const lockNext = async (settled: OutboxItem[]): Promise<OutboxItem[]> => {
      follow(settled)
      const siteKey = options.siteKey?.()
      const pick = (): OutboxItem[] =>
        pickDueItems(unsent ?? [], options.now(), {
          limit: batchSize,
          ...(siteKey === undefined ? {} : { siteKey })
        })
      let due = pick()
      let locked = await options.store.settleAndLock(settled, due, options.now())
      follow(locked)
      if (locked.length < due.length) {
        // Something changed under the list (an edit, a discard, another window): start afresh.
        unsent = await options.store.listUnsent()
        if (locked.length === 0) {
          due = pick()
          locked = await options.store.settleAndLock([], due, options.now())
          follow(locked)
        }
      }
      return locked
    }

    try {
      unsent = await options.store.listUnsent()
      let current = await lockNext([])
      while (current.length > 0) {
        const previous = unwritten
        unwritten = []
        const [sent, following] = await Promise.allSettled([
          options.send(current.map(toSendItem)),
          lockNext(previous)
        ])
        const lockedNext = following.status === 'fulfilled' ? following.value : []
        // A failed lock transaction wrote nothing: the previous answers must still be saved.
        const notYetWritten = following.status === 'fulfilled' ? [] : previous
        if (sent.status === 'rejected') {
          const putBack = [
            ...notYetWritten,
            ...current.map((item) =>
              applyOutcome(item, notAttemptedBecause(sent.reason), options.now())
            ),
            ...lockedNext.map((item) => applyOutcome(item, NOT_SENT_AFTER_STOP, options.now()))
          ]
          await options.store.saveAll(putBack)
          follow(putBack)
          throw asDeskError(sent.reason)
        }
        batches++
        const result = sent.value
        const outcomes = new Map(result.results.map((entry) => [entry.id, entry.outcome]))
        const settledAt = options.now()
        const settled = current.map((item) =>
          applyOutcome(item, outcomes.get(item.id) ?? NOT_ATTEMPTED, settledAt)
        )
        if (following.status === 'rejected') {
          await options.store.saveAll([...notYetWritten, ...settled])
          follow(settled)
          throw asDeskError(following.reason)
        }
        paused = result.paused
        // A batch that tried nothing would come back due at once: stop rather than spin.
        const triedNothing = result.results.every((entry) => entry.outcome.kind === 'not-attempted')
        if (paused || triedNothing) {
          const putBack = lockedNext.map((item) =>
            applyOutcome(item, NOT_SENT_AFTER_STOP, options.now())
          )
          await options.store.saveAll([...settled, ...putBack])
          follow([...settled, ...putBack])
          break
        }
        if (lockedNext.length > 0) {
          follow(settled)
          unwritten = settled
          current = lockedNext
        } else {
          // Nothing was due ahead; these answers may free later results of the same connections.
          current = await lockNext(settled)
        }
      }
      if (unwritten.length > 0) {
        await options.store.saveAll(unwritten)
        unwritten = []
      }
    } finally {
      // The report also goes out after a failure, so the main process keeps its timers right.
      await report(unsent ?? (await options.store.listUnsent()))
    }
    return { batches, paused }
  }

  async function report(items: OutboxItem[]): Promise<void> {
    const siteKey = options.siteKey?.()
    await options.report({
      unsentCount: items.filter((item) => UNSENT_STATES.includes(item.state)).length,
      nextDueAt: nextDueAt(items, {
        now: options.now(),
        ...(siteKey === undefined ? {} : { siteKey })
      }),
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

/**
 * The lock a store writes for `listed`, given what it holds now: undefined when the stored
 * item changed since it was listed (or is gone), so the newer state is never overwritten.
 */
export function lockIfStillListed(
  stored: OutboxItem | undefined,
  listed: OutboxItem,
  now: number
): OutboxItem | undefined {
  // An edit always takes a new key, even within the same millisecond as the listing.
  const unchanged =
    stored !== undefined &&
    stored.state === listed.state &&
    stored.updatedAt === listed.updatedAt &&
    stored.idempotencyKey === listed.idempotencyKey &&
    stored.nextAttemptAt === listed.nextAttemptAt
  return unchanged ? beginSending(stored, now) : undefined
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
