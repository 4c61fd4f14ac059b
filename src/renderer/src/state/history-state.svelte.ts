import type { DeskError } from '$shared/errors'
import { describeState } from '$shared/outbox/describe-state'
import { followUpOf } from '$shared/follow-up/follow-up-of'
import type { FollowUp, FollowUpState } from '$shared/follow-up/follow-up-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { DEFAULT_SENT_LIMIT, type OutboxRepository } from '../db/outbox-repository'
import { receiptLogCsv } from '../export/receipt-log-csv'
import { toDeskError } from '$shared/errors'

export interface HistoryRow {
  item: OutboxItem
  /** "Sent — change request 4711", with the duplicate warning when there is one. */
  description: string
  /** Whether Access ACS shows it applied (waiting since the receipt until checked). */
  followUp: FollowUp | undefined
}

/** History's follow-up filter: every sent result, or those in one state. */
export type FollowUpFilter = FollowUpState | 'all'

export interface HistoryStateOptions {
  /** Rows shown at most, newest first. */
  limit?: number
  formatTime?: (at: number) => string
}

/**
 * The sent results of the site, newest first, with a search box and the receipt log export.
 * Typing quickly starts several loads; only the latest one's answer is shown.
 */
export class HistoryState {
  #items = $state.raw<OutboxItem[]>([])
  #search = $state('')
  #followUpFilter = $state<FollowUpFilter>('all')
  #loading = $state(false)
  #error = $state.raw<DeskError | null>(null)
  #rows = $derived(
    this.#items.map((item) => ({
      item,
      description: describeState(item, this.#formatTime ? { formatTime: this.#formatTime } : {}),
      followUp: followUpOf(item)
    }))
  )
  readonly #repository: OutboxRepository
  readonly #limit: number
  readonly #formatTime: ((at: number) => string) | undefined
  #latestLoad = 0

  constructor(repository: OutboxRepository, options: HistoryStateOptions = {}) {
    this.#repository = repository
    this.#limit = options.limit ?? DEFAULT_SENT_LIMIT
    this.#formatTime = options.formatTime
  }

  get rows(): HistoryRow[] {
    return this.#rows
  }

  get search(): string {
    return this.#search
  }

  get followUpFilter(): FollowUpFilter {
    return this.#followUpFilter
  }

  async setFollowUpFilter(filter: FollowUpFilter): Promise<void> {
    this.#followUpFilter = filter
    await this.load()
  }

  get loading(): boolean {
    return this.#loading
  }

  get error(): DeskError | null {
    return this.#error
  }

  async setSearch(text: string): Promise<void> {
    this.#search = text
    await this.load()
  }

  async load(): Promise<void> {
    const load = ++this.#latestLoad
    this.#loading = true
    try {
      const items = await this.#repository.listSent({
        search: this.#search,
        limit: this.#limit,
        ...(this.#followUpFilter === 'all' ? {} : { followUp: this.#followUpFilter })
      })
      if (load !== this.#latestLoad) return
      this.#items = items
      this.#error = null
    } catch (error) {
      if (load === this.#latestLoad) this.#error = toDeskError(error)
    } finally {
      if (load === this.#latestLoad) this.#loading = false
    }
  }

  /**
   * The receipt log as CSV: every sent result of the site (not only the rows shown), or
   * only those matching the search when `matchingSearch` is set.
   */
  async exportCsv(options: { matchingSearch?: boolean } = {}): Promise<string> {
    const items = await this.#repository.listSent({
      search: options.matchingSearch ? this.#search : '',
      limit: Number.MAX_SAFE_INTEGER
    })
    return receiptLogCsv(items)
  }
}
