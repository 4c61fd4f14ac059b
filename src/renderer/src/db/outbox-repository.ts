import { validateChangeRequest, type ChangeRequest } from '$shared/change-request'
import { DeskError, InvalidPayloadError } from '$shared/errors'
import { discardItem, editItem, retryNow, sendWaitingNow } from '$shared/outbox/clerk-actions'
import { lockIfStillListed, type DeliveryLoopStore } from '$shared/outbox/delivery-loop'
import type { OutboxSummary } from '$shared/bridge/channels'
import {
  OUTBOX_STATES,
  UNSENT_STATES,
  type OutboxItem,
  type OutboxItemSummary,
  type OutboxState
} from '$shared/outbox/outbox-item'
import {
  createOutboxItem,
  recoverAfterRestart as recoverItem,
  retryOnReconnect
} from '$shared/outbox/outbox-transitions'
import { followUpOf } from '$shared/follow-up/follow-up-of'
import type { FollowUp, FollowUpState } from '$shared/follow-up/follow-up-state'
import { backedUpResultOf, needsBackup } from '$shared/outbox/result-backup'
import type { DeskDatabase } from './desk-database'
import type { OutboxBackup } from './outbox-backup'
import { restoreFromBackupListing } from './restore-from-backup'
import { OutboxItemMissingError } from './outbox-item-missing-error'
import { matchesHistorySearch } from './history-search'

export interface OutboxRepositoryOptions {
  now?: () => number
  /** uuids for item ids and Idempotency-Keys. */
  newId?: () => string
  /** The second copy of unsent results; without one, nothing is copied or restored. */
  backup?: OutboxBackup
  /**
   * A copy that could not be written. The result itself is saved: the failure is the
   * status bar's to show, never a reason to tell the clerk it was not saved.
   */
  onBackupError?: (error: unknown) => void
}

export interface SentQuery {
  /** Words that must all appear in the contact, type, user, change-request number or comment. */
  search?: string
  /** Only results in this follow-up state (a sent result never checked is waiting). */
  followUp?: FollowUpState
  /** At most this many, newest first. */
  limit?: number
}

export const DEFAULT_SENT_LIMIT = 200

/** States whose items may be waiting out a backoff (they carry a next try). */
const WAITING_STATES: OutboxState[] = ['waiting', 'unknown-outcome']

/**
 * Unsent items read per request. The browser turns a read's result into objects on the
 * page's main thread in one task; 10,000 at once took 90 ms there, past the 50 ms after
 * which typing feels stuck (bench/RESULTS.md).
 */
export const UNSENT_READ_CHUNK = 500

/** Another window can take a sequence number at most this many times in a row. */
const MAX_CAPTURE_ATTEMPTS = 5

function followUpStateOf(item: OutboxItem): FollowUpState | undefined {
  return followUpOf(item)?.state
}

function isConstraintError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConstraintError'
}

/**
 * The outbox of one site, in Dexie. Every write is one strict-durability transaction, so a
 * promise that resolves means the items are on disk; every change of state goes through the
 * shared state machine. It is the store the delivery loop drains.
 */
export class OutboxRepository implements DeliveryLoopStore {
  readonly #db: DeskDatabase
  readonly #now: () => number
  readonly #newId: () => string
  /** Known after the first capture; undefined means read it from the database. */
  #nextSequence: number | undefined
  #captures: Promise<unknown> = Promise.resolve()
  readonly #backup: OutboxBackup | undefined
  readonly #onBackupError: (error: unknown) => void

  constructor(db: DeskDatabase, options: OutboxRepositoryOptions = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
    this.#newId = options.newId ?? (() => crypto.randomUUID())
    this.#backup = options.backup
    this.#onBackupError =
      options.onBackupError ??
      ((error) => console.error('The backup copy of a result was not written', error))
  }

  get siteKey(): string {
    return this.#db.siteKey
  }

  /** Opens the database again when something closed it under the page (not a sign-out). */
  async reopenIfClosed(): Promise<void> {
    if (!this.#db.isOpen()) await this.#db.open()
  }

  /**
   * Records a result. Resolves only after the transaction has committed: from then on the
   * result survives a crash or a power cut. The transaction is a single `add`, so a save
   * costs what a raw write costs: the next sequence is kept in memory after the first save,
   * and the unique sequence index refuses a number another window took meanwhile, in which
   * case the number is read again and the save retried.
   */
  async capture(
    body: ChangeRequest,
    summary: OutboxItemSummary,
    capturedBy: string
  ): Promise<OutboxItem> {
    const checked = validateChangeRequest(body)
    if (!checked.ok) {
      throw new InvalidPayloadError(
        `This result cannot be saved: ${checked.message}`,
        checked.errors as Record<string, string[]>
      )
    }
    // One capture at a time per window, so the in-memory sequence is never handed out twice.
    const saved = this.#captures.then(() => this.#add(checked.value, summary, capturedBy))
    this.#captures = saved.catch(() => undefined)
    const item = await saved
    // "Saved" waits for the second copy too: a crash may take the outbox with it.
    await this.#keepCopies([item])
    return item
  }

  async #add(
    body: ChangeRequest,
    summary: OutboxItemSummary,
    capturedBy: string
  ): Promise<OutboxItem> {
    const { outbox } = this.#db
    for (let attempt = 1; ; attempt++) {
      const sequence = this.#nextSequence ?? (await this.#readNextSequence())
      const item = createOutboxItem({
        id: this.#newId(),
        idempotencyKey: this.#newId(),
        siteKey: this.#db.siteKey,
        capturedBy,
        sequence,
        capturedAt: this.#now(),
        body,
        summary
      })
      try {
        // Outside a transaction Dexie commits a write at once and resolves after the commit.
        await outbox.add(item)
        this.#nextSequence = sequence + 1
        return item
      } catch (error) {
        this.#nextSequence = undefined
        if (!isConstraintError(error) || attempt >= MAX_CAPTURE_ATTEMPTS) throw error
      }
    }
  }

  /** One past the highest sequence ever handed out (the counter survives from older versions). */
  async #readNextSequence(): Promise<number> {
    const { outbox, meta } = this.#db
    return this.#db.transaction('r', outbox, meta, async () => {
      const [counter, highest] = await Promise.all([
        meta.get('sequence'),
        outbox.orderBy('sequence').last()
      ])
      return Math.max(counter?.value ?? 0, highest?.sequence ?? 0) + 1
    })
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return this.#db.outbox.get(id)
  }

  /**
   * Every item not yet sent for sure (and not discarded), in capture order. One read
   * transaction, so the list is one moment's: first the ids (index keys only, nothing to
   * turn into objects), then the items in chunks, each its own task on the main thread.
   */
  async listUnsent(): Promise<OutboxItem[]> {
    const { outbox } = this.#db
    const items = await this.#db.transaction('r', outbox, async () => {
      const ids = await outbox.where('state').anyOf(UNSENT_STATES).primaryKeys()
      const read: OutboxItem[] = []
      for (let start = 0; start < ids.length; start += UNSENT_READ_CHUNK) {
        const chunk = await outbox.bulkGet(ids.slice(start, start + UNSENT_READ_CHUNK))
        for (const item of chunk) if (item) read.push(item)
      }
      return read
    })
    return items.sort((left, right) => left.sequence - right.sequence)
  }

  /** Sent items, newest receipt first. */
  async listSent(query: SentQuery = {}): Promise<OutboxItem[]> {
    const limit = query.limit ?? DEFAULT_SENT_LIMIT
    const search = query.search ?? ''
    return this.#db.outbox
      .orderBy('receipt.at')
      .reverse()
      .filter(
        (item) =>
          item.state === 'sent' &&
          (query.followUp === undefined || followUpStateOf(item) === query.followUp) &&
          matchesHistorySearch(item, search)
      )
      .limit(limit)
      .toArray()
  }

  /** Sent results whose receipt is at or after `since`, oldest first: what a check looks at. */
  async listSentSince(since: number): Promise<OutboxItem[]> {
    return this.#db.outbox
      .where('receipt.at')
      .aboveOrEqual(since)
      .filter((item) => item.state === 'sent')
      .toArray()
  }

  /**
   * Writes the follow-ups a check worked out, in one transaction; an item that is no longer
   * sent (never expected) is left alone.
   */
  async saveFollowUps(updates: ReadonlyArray<{ id: string; followUp: FollowUp }>): Promise<void> {
    if (updates.length === 0) return
    await this.#db.transaction('rw', this.#db.outbox, async () => {
      const stored = await this.#db.outbox.bulkGet(updates.map((update) => update.id))
      const changed = updates.flatMap((update, index) => {
        const item = stored[index]
        return item?.state === 'sent' ? [{ ...item, followUp: update.followUp }] : []
      })
      await this.#db.outbox.bulkPut(changed)
    })
  }

  /** How many sent results are in this follow-up state (as last written by a check). */
  async countFollowUp(state: FollowUpState): Promise<number> {
    return this.#db.outbox.where('followUp.state').equals(state).count()
  }

  /** Counts by state and the oldest unsent capture, for a diagnostics file: no content. */
  async summary(): Promise<OutboxSummary> {
    const counts = await Promise.all(
      OUTBOX_STATES.map((state) => this.#db.outbox.where('state').equals(state).count())
    )
    const unsent = await this.#db.outbox.where('state').anyOf(UNSENT_STATES).toArray()
    return {
      countsByState: Object.fromEntries(
        OUTBOX_STATES.map((state, index) => [state, counts[index] ?? 0])
      ) as OutboxSummary['countsByState'],
      oldestUnsentAt: unsent.reduce<number | null>(
        (oldest, item) => (oldest === null || item.capturedAt < oldest ? item.capturedAt : oldest),
        null
      )
    }
  }

  /** Every item of the site, in capture order: for a full export. */
  async listAll(): Promise<OutboxItem[]> {
    return this.#db.outbox.orderBy('sequence').toArray()
  }

  /** The items with these ids, in capture order; ids not found are left out. */
  async listByIds(ids: readonly string[]): Promise<OutboxItem[]> {
    const found = await this.#db.outbox.bulkGet([...ids])
    return found
      .filter((item): item is OutboxItem => item !== undefined)
      .sort((left, right) => left.sequence - right.sequence)
  }

  /** Writes the items in one strict transaction: all of them are committed, or none. */
  async saveAll(items: OutboxItem[]): Promise<void> {
    this.#refuseForeign(items)
    await this.#db.transaction('rw', this.#db.outbox, async () => {
      await this.#db.outbox.bulkPut(items)
    })
  }

  /**
   * The delivery loop's one write per batch: the last batch's answers, and the lock of the
   * next batch for each item still stored as it was listed. Both commit together, or neither.
   */
  async settleAndLock(
    settled: OutboxItem[],
    toLock: OutboxItem[],
    now: number
  ): Promise<OutboxItem[]> {
    if (settled.length === 0 && toLock.length === 0) return []
    this.#refuseForeign([...settled, ...toLock])
    const locked = await this.#db.transaction('rw', this.#db.outbox, async () => {
      if (settled.length > 0) await this.#db.outbox.bulkPut(settled)
      if (toLock.length === 0) return []
      const stored = await this.#db.outbox.bulkGet(toLock.map((item) => item.id))
      const locked: OutboxItem[] = []
      toLock.forEach((listed, index) => {
        const lock = lockIfStillListed(stored[index], listed, now)
        if (lock) locked.push(lock)
      })
      await this.#db.outbox.bulkPut(locked)
      return locked
    })
    // Not waited for: the next batch need not wait for a copy that is only being tidied.
    void this.#dropCopies(settled)
    return locked
  }

  /** Replaces the result's body; throws OutboxTransitionError when its state forbids it. */
  async edit(id: string, body: ChangeRequest, summary: OutboxItemSummary): Promise<OutboxItem> {
    const checked = validateChangeRequest(body)
    if (!checked.ok) {
      throw new InvalidPayloadError(
        `This change cannot be saved: ${checked.message}`,
        checked.errors as Record<string, string[]>
      )
    }
    const edited = await this.#change(id, (item, now) =>
      editItem(item, checked.value, summary, this.#newId(), now)
    )
    await this.#keepCopies([edited])
    return edited
  }

  async retryNow(id: string): Promise<OutboxItem> {
    return this.#change(id, retryNow)
  }

  async discard(id: string): Promise<OutboxItem> {
    const discarded = await this.#change(id, discardItem)
    await this.#dropCopies([discarded])
    return discarded
  }

  /** The line is back: results that waited only for it are due now. Resolves with those. */
  async retryOnReconnect(): Promise<OutboxItem[]> {
    return this.#changeWaiting(retryOnReconnect)
  }

  /**
   * "Send all now": every result waiting out a backoff is due now; one that needs attention
   * is left for the clerk. Resolves with the results it changed.
   */
  async sendAllNow(): Promise<OutboxItem[]> {
    return this.#changeWaiting(sendWaitingNow)
  }

  /**
   * Run once at start-up, before any delivery: items left `sending` were out when the app
   * stopped and may have arrived, so they become unknown-outcome (resent under the same key).
   */
  async recoverAfterRestart(): Promise<OutboxItem[]> {
    const now = this.#now()
    return this.#db.transaction('rw', this.#db.outbox, async () => {
      const stuck = await this.#db.outbox.where('state').equals('sending').toArray()
      const recovered = stuck.map((item) => recoverItem(item, now))
      await this.#db.outbox.bulkPut(recovered)
      return recovered
    })
  }

  /**
   * Run once at start-up, before recoverAfterRestart: results the outbox lost (Chromium
   * deletes a storage it finds damaged) come back from their second copy, and copies of
   * results sent or discarded meanwhile go. Resolves with the results put back.
   */
  async restoreFromBackup(): Promise<OutboxItem[]> {
    if (!this.#backup) return []
    const listing = await this.#backup.list()
    const { restored, settledIds } = await restoreFromBackupListing(this.#db, listing, this.#now())
    this.#nextSequence = undefined
    if (settledIds.length > 0) await this.#backup.drop(settledIds)
    return restored
  }

  async #keepCopies(items: readonly OutboxItem[]): Promise<void> {
    const unsent = items.filter(needsBackup)
    if (!this.#backup || unsent.length === 0) return
    try {
      await this.#backup.keep(unsent.map(backedUpResultOf))
    } catch (error) {
      this.#onBackupError(error)
    }
  }

  async #dropCopies(items: readonly OutboxItem[]): Promise<void> {
    const done = items.filter((item) => !needsBackup(item)).map((item) => item.id)
    if (!this.#backup || done.length === 0) return
    try {
      await this.#backup.drop(done)
    } catch (error) {
      this.#onBackupError(error)
    }
  }

  #refuseForeign(items: readonly OutboxItem[]): void {
    const foreign = items.find((item) => item.siteKey !== this.#db.siteKey)
    if (foreign) {
      throw new DeskError(
        `A result of another site (${foreign.siteKey}) was about to be saved in this site's outbox; nothing was saved. Please report this problem.`
      )
    }
  }

  /** One transaction over the items that wait out a backoff; writes only those it changes. */
  async #changeWaiting(
    transition: (item: OutboxItem, now: number) => OutboxItem
  ): Promise<OutboxItem[]> {
    return this.#db.transaction('rw', this.#db.outbox, async () => {
      const waiting = await this.#db.outbox.where('state').anyOf(WAITING_STATES).toArray()
      const now = this.#now()
      const changed = waiting
        .map((item) => transition(item, now))
        .filter((after, index) => after !== waiting[index])
      if (changed.length > 0) await this.#db.outbox.bulkPut(changed)
      return changed.sort((left, right) => left.sequence - right.sequence)
    })
  }

  async #change(
    id: string,
    transition: (item: OutboxItem, now: number) => OutboxItem
  ): Promise<OutboxItem> {
    return this.#db.transaction('rw', this.#db.outbox, async () => {
      const item = await this.#db.outbox.get(id)
      if (!item) throw new OutboxItemMissingError(id)
      const changed = transition(item, this.#now())
      if (changed !== item) await this.#db.outbox.put(changed)
      return changed
    })
  }
}
