import type { OutboxReport, SendBatchRequest, SendBatchResult, SendItem } from '../bridge/channels'
import { DeskError } from '../errors'
import type { DeliveryOutcome } from './delivery-outcome'
import { nextDueAt, pickDueItems } from './delivery-order'
import { UNSENT_STATES, type OutboxItem } from './outbox-item'
import { mergeSaved } from './merge-saved'
import { applyOutcome } from './outbox-transitions'
import { UnsavedAnswers } from './unsaved-answers'

export { lockIfStillListed } from './lock-if-still-listed'

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
  send(batch: SendBatchRequest): Promise<SendBatchResult>
  report(report: OutboxReport): Promise<void>
  now(): number
  /** Items per send batch. */
  batchSize?: number
  /**
   * The site this outbox belongs to (src/shared/site-key.ts): only its items are picked,
   * and every send names it, so the main process sends them only to that site.
   */
  siteKey: string
}

export interface DrainSummary {
  /** Batches handed to the sender. */
  batches: number
  /** The last batch came back paused (a 401, or nobody signed in). */
  paused: boolean
}

export interface DeliveryLoop {
  /**
   * Sends until nothing is due. Calls during a drain share it and cause one more pass. It
   * first writes any answers an earlier write failed to record, and sends nothing until
   * they are (it throws the StorageWriteError instead).
   */
  drain(): Promise<DrainSummary>
  /**
   * Sends no more batches (sign-out, change of site): a running drain ends after the batch
   * that is out, whose answers it writes; a batch it had locked next goes back unsent.
   * Resolves once the running drain has ended. Later drains only write unsaved answers.
   */
  halt(): Promise<void>
  /** Sends again after a halt (a sign-in that failed, or to the same site). */
  resume(): void
  /** Answers received but not yet recorded, because a write failed. */
  readonly unsavedCount: number
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
  const { store, siteKey } = options
  const unsaved = new UnsavedAnswers()
  let running: Promise<DrainSummary> | undefined
  let again = false
  let halted = false

  const save = (items: OutboxItem[]): Promise<void> =>
    unsaved.commit(items, (all) => store.saveAll(all))
  const putBack = (items: readonly OutboxItem[], outcome: DeliveryOutcome): OutboxItem[] =>
    items.map((item) => applyOutcome(item, outcome, options.now()))

  async function drainOnce(): Promise<DrainSummary> {
    let batches = 0
    let paused = false
    let unsent: OutboxItem[] | undefined
    /** Answers applied in memory whose commit rides with the next lock. */
    let unwritten: OutboxItem[] = []
    const haltedAtStart = halted

    const follow = (saved: readonly OutboxItem[]): void => {
      unsent = mergeSaved(unsent ?? [], saved).items
    }

    /**
     * Writes `settled` and locks the next due batch; re-reads the list if any lock lost.
     * Halted, it only writes. A failed write keeps every answer it carried unsaved.
     */
    const lockNext = async (settled: OutboxItem[]): Promise<OutboxItem[]> => {
      follow(settled)
      if (halted) {
        await save(settled)
        return []
      }
      const pick = (): OutboxItem[] =>
        pickDueItems(unsent ?? [], options.now(), { limit: batchSize, siteKey })
      const settleAndLock = (toLock: OutboxItem[]): Promise<OutboxItem[]> =>
        unsaved.commit(settled, (all) => store.settleAndLock(all, toLock, options.now()))
      let due = pick()
      let locked = await settleAndLock(due)
      follow(locked)
      if (locked.length < due.length) {
        // Something changed under the list (an edit, a discard, another window): start afresh.
        unsent = await store.listUnsent()
        if (locked.length === 0) {
          due = pick()
          settled = []
          locked = await settleAndLock(due)
          follow(locked)
        }
      }
      return locked
    }

    try {
      // Answers a failed write left in memory go first: nothing is sent before they are saved.
      if (unsaved.count > 0) await save([])
      if (haltedAtStart) return { batches, paused }
      unsent = await store.listUnsent()
      let current = await lockNext([])
      while (current.length > 0) {
        if (halted) {
          // Halted between batches: the batch locked next goes back unsent.
          const back = putBack(current, NOT_SENT_AFTER_STOP)
          await save([...unwritten, ...back])
          unwritten = []
          follow(back)
          break
        }
        const previous = unwritten
        unwritten = []
        const [sent, following] = await Promise.allSettled([
          options.send({ siteKey, items: current.map(toSendItem) }),
          lockNext(previous)
        ])
        // A failed lock transaction wrote nothing; its answers are kept unsaved meanwhile.
        const lockedNext = following.status === 'fulfilled' ? following.value : []
        if (sent.status === 'rejected') {
          const back = [
            ...putBack(current, notAttemptedBecause(sent.reason)),
            ...putBack(lockedNext, NOT_SENT_AFTER_STOP)
          ]
          await save(back)
          follow(back)
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
          follow(settled)
          await save(settled)
          throw asDeskError(following.reason)
        }
        paused = result.paused
        // A batch that tried nothing would come back due at once: stop rather than spin.
        const triedNothing = result.results.every((entry) => entry.outcome.kind === 'not-attempted')
        if (paused || triedNothing) {
          const back = putBack(lockedNext, NOT_SENT_AFTER_STOP)
          follow([...settled, ...back])
          await save([...settled, ...back])
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
        const last = unwritten
        unwritten = []
        await save(last)
      }
    } finally {
      // The report also goes out after a failure, so the main process keeps its timers right
      // (and knows the answers are written). A halted outbox has handed the site over.
      if (!haltedAtStart) await report(unsent)
    }
    return { batches, paused }
  }

  async function report(listed: OutboxItem[] | undefined): Promise<void> {
    // A database that refuses even to list has nothing to tell; main's timers stay as they are.
    const items = listed ?? (await store.listUnsent().catch(() => undefined))
    if (!items) return
    await options.report({
      unsentCount: items.filter((item) => UNSENT_STATES.includes(item.state)).length,
      nextDueAt: nextDueAt(items, { now: options.now(), siteKey }),
      captured: false,
      ...(unsaved.count > 0 ? { unsavedAnswers: unsaved.count } : {})
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
    },

    async halt() {
      halted = true
      await running?.catch(() => undefined)
    },

    resume() {
      halted = false
    },

    get unsavedCount() {
      return unsaved.count
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
