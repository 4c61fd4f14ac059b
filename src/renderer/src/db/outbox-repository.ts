import { validateChangeRequest, type ChangeRequest } from '../../../shared/change-request'
import { DeskError, InvalidPayloadError } from '../../../shared/errors'
import { discardItem, editItem, retryNow } from '../../../shared/outbox/clerk-actions'
import type { DeliveryLoopStore } from '../../../shared/outbox/delivery-loop'
import {
  UNSENT_STATES,
  type OutboxItem,
  type OutboxItemSummary
} from '../../../shared/outbox/outbox-item'
import {
  createOutboxItem,
  recoverAfterRestart as recoverItem
} from '../../../shared/outbox/outbox-transitions'
import type { DeskDatabase } from './desk-database'
import { OutboxItemMissingError } from './outbox-item-missing-error'
import { matchesHistorySearch } from './history-search'

export interface OutboxRepositoryOptions {
  now?: () => number
  /** uuids for item ids and Idempotency-Keys. */
  newId?: () => string
}

export interface SentQuery {
  /** Words that must all appear in the contact, type, user, change-request number or comment. */
  search?: string
  /** At most this many, newest first. */
  limit?: number
}

export const DEFAULT_SENT_LIMIT = 200

/**
 * The outbox of one site, in Dexie. Every write is one strict-durability transaction, so a
 * promise that resolves means the items are on disk; every change of state goes through the
 * shared state machine. It is the store the delivery loop drains.
 */
export class OutboxRepository implements DeliveryLoopStore {
  readonly #db: DeskDatabase
  readonly #now: () => number
  readonly #newId: () => string

  constructor(db: DeskDatabase, options: OutboxRepositoryOptions = {}) {
    this.#db = db
    this.#now = options.now ?? Date.now
    this.#newId = options.newId ?? (() => crypto.randomUUID())
  }

  get siteKey(): string {
    return this.#db.siteKey
  }

  /**
   * Records a result. Resolves only after the transaction has committed: from then on the
   * result survives a crash or a power cut. The sequence is assigned inside the same
   * transaction, so two captures (two windows, say) can never share one.
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
    const { outbox, meta } = this.#db
    return this.#db.transaction('rw', outbox, meta, async () => {
      const counter = await meta.get('sequence')
      const highest = await outbox.orderBy('sequence').last()
      const sequence = Math.max(counter?.value ?? 0, highest?.sequence ?? 0) + 1
      const item = createOutboxItem({
        id: this.#newId(),
        idempotencyKey: this.#newId(),
        siteKey: this.#db.siteKey,
        capturedBy,
        sequence,
        capturedAt: this.#now(),
        body: checked.value,
        summary
      })
      await meta.put({ key: 'sequence', value: sequence })
      await outbox.add(item)
      return item
    })
  }

  async get(id: string): Promise<OutboxItem | undefined> {
    return this.#db.outbox.get(id)
  }

  /** Every item not yet sent for sure (and not discarded), in capture order. */
  async listUnsent(): Promise<OutboxItem[]> {
    const items = await this.#db.outbox.where('state').anyOf(UNSENT_STATES).toArray()
    return items.sort((left, right) => left.sequence - right.sequence)
  }

  /** Sent items, newest receipt first. */
  async listSent(query: SentQuery = {}): Promise<OutboxItem[]> {
    const limit = query.limit ?? DEFAULT_SENT_LIMIT
    const search = query.search ?? ''
    return this.#db.outbox
      .orderBy('receipt.at')
      .reverse()
      .filter((item) => item.state === 'sent' && matchesHistorySearch(item, search))
      .limit(limit)
      .toArray()
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
    const foreign = items.find((item) => item.siteKey !== this.#db.siteKey)
    if (foreign) {
      throw new DeskError(
        `A result of another site (${foreign.siteKey}) was about to be saved in this site's outbox; nothing was saved. Please report this problem.`
      )
    }
    await this.#db.transaction('rw', this.#db.outbox, async () => {
      await this.#db.outbox.bulkPut(items)
    })
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
    return this.#change(id, (item, now) =>
      editItem(item, checked.value, summary, this.#newId(), now)
    )
  }

  async retryNow(id: string): Promise<OutboxItem> {
    return this.#change(id, retryNow)
  }

  async discard(id: string): Promise<OutboxItem> {
    return this.#change(id, discardItem)
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
