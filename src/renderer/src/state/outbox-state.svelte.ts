import type { WakeReason } from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import type { ChangeRequest } from '$shared/change-request'
import { StorageWriteError, type DeskError } from '$shared/errors'
import {
  createDeliveryLoop,
  type DeliveryLoop,
  type DrainSummary
} from '$shared/outbox/delivery-loop'
import { nextDueAt, pickDueItems } from '$shared/outbox/delivery-order'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import type { OutboxRepository } from '../db/outbox-repository'
import { outboxJson } from '../export/outbox-json-export'
import { toDeskError } from '$shared/errors'
import { mergeSaved } from '$shared/outbox/merge-saved'
import { describeRows, type OutboxRow } from './outbox-rows'
import { RewriteSchedule } from './rewrite-schedule'
import { countByConnection } from './unsent-list'

export type { OutboxRow } from './outbox-rows'

export interface SendProgress {
  /** Results answered during this delivery run. */
  done: number
  /** Results due when the run started, or more if others became due meanwhile. */
  total: number
}

export interface OutboxStateOptions {
  repository: OutboxRepository
  desk: Pick<DeskApi, 'delivery'>
  now?: () => number
  batchSize?: number
  /** How the descriptions show a time; the local `HH:MM` by default. */
  formatTime?: (at: number) => string
}

/**
 * The unsent results of the signed-in site and their delivery. The page sends only when
 * the main process wakes it (`delivery.onWake`); after a capture, edit or retry it reports
 * `captured: true`, which makes the main process wake it soon. Clerk actions throw typed
 * errors (a form must know its result was not saved); delivery failures, which no clerk
 * action started, are kept in `error` for the status bar.
 */
export class OutboxState {
  #items = $state.raw<OutboxItem[]>([])
  #paused = $state(false)
  #sending = $state(false)
  #progress = $state.raw<SendProgress | null>(null)
  #error = $state.raw<DeskError | null>(null)
  #restoredCount = $state(0)
  #rows = $derived.by(() => describeRows(this.#items, this.#paused, this.#formatTime))
  #unsentByConnection = $derived.by(() => countByConnection(this.#items))

  readonly #repository: OutboxRepository
  readonly #desk: Pick<DeskApi, 'delivery'>
  readonly #now: () => number
  readonly #formatTime: ((at: number) => string) | undefined
  readonly #loop: DeliveryLoop
  #unsubscribe: Array<() => void> = []
  #unsubscribeWake: (() => void) | undefined
  readonly #rewrites = new RewriteSchedule(() => this.#rewrite())
  #disposed = false

  constructor(options: OutboxStateOptions) {
    this.#repository = options.repository
    this.#desk = options.desk
    this.#now = options.now ?? Date.now
    this.#formatTime = options.formatTime
    this.#loop = createDeliveryLoop({
      store: {
        listUnsent: () => this.#repository.listUnsent(),
        saveAll: async (items) => {
          await this.#repository.saveAll(items)
          this.#merge(items)
        },
        settleAndLock: async (settled, toLock, now) => {
          const locked = await this.#repository.settleAndLock(settled, toLock, now)
          this.#merge([...settled, ...locked])
          return locked
        }
      },
      send: (batch) => this.#desk.delivery.send(batch),
      report: (report) => this.#desk.delivery.report(report),
      now: this.#now,
      siteKey: this.#repository.siteKey,
      ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize })
    })
  }

  /** Unsent results in capture order, with their descriptions. */
  get rows(): OutboxRow[] {
    return this.#rows
  }

  get items(): OutboxItem[] {
    return this.#items
  }

  get count(): number {
    return this.#items.length
  }

  get attentionCount(): number {
    return this.#items.filter((item) => item.state === 'needs-attention').length
  }

  /** When the oldest unsent result was captured, or null when all are sent. */
  get oldestCapturedAt(): number | null {
    let oldest: number | null = null
    for (const item of this.#items) {
      if (oldest === null || item.capturedAt < oldest) oldest = item.capturedAt
    }
    return oldest
  }

  /** A 401 paused delivery: the clerk must sign in again. */
  get paused(): boolean {
    return this.#paused
  }

  get sending(): boolean {
    return this.#sending
  }

  /** Set while a delivery run is going, null otherwise. */
  get progress(): SendProgress | null {
    return this.#progress
  }

  /** The last delivery failure (cleared by the next run that gets through). */
  get error(): DeskError | null {
    return this.#error
  }

  /** Unsent results for this connection: the lists mark such connections. */
  unsentCountFor(connectionId: number): number {
    return this.#unsentByConnection.get(connectionId) ?? 0
  }

  /**
   * Start-up: results left `sending` by a crash become unknown-outcome, the list loads, and
   * the page listens for wake-ups and pauses. Reports once so the main process knows what
   * waits and when to wake.
   */
  async start(): Promise<void> {
    this.stop()
    await this.#restoreFromBackup()
    await this.#repository.recoverAfterRestart()
    await this.reload()
    this.#listenForWakes()
    this.#unsubscribe = [
      this.#desk.delivery.onStateChanged((state) => {
        this.#paused = state.paused
      })
    ]
    this.#paused = (await this.#desk.delivery.state()).paused
    await this.#report(false)
  }

  /** How many results the last start put back from their backup copy. */
  get restoredCount(): number {
    return this.#restoredCount
  }

  /** A backup copy that could not be written or read: the result itself is saved. */
  backupFailed(error: unknown): void {
    this.#error = toDeskError(error)
  }

  /** A start that cannot read the backup still opens the outbox: the reason is shown. */
  async #restoreFromBackup(): Promise<void> {
    try {
      this.#restoredCount = (await this.#repository.restoreFromBackup()).length
    } catch (error) {
      this.backupFailed(error)
    }
  }

  /** Stops listening to the main process (on sign-out or a change of site). */
  stop(): void {
    this.#unsubscribeWake?.()
    this.#unsubscribeWake = undefined
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe()
  }

  /**
   * Before the session changes: no wake is heard, the main process cuts the batch out short,
   * and this resolves once its answers are written (refused writes are retried: the caller
   * bounds the wait).
   */
  async halt(): Promise<void> {
    this.#unsubscribeWake?.()
    this.#unsubscribeWake = undefined
    const halted = this.#loop.halt()
    try {
      await this.#desk.delivery.stop({ siteKey: this.#repository.siteKey })
    } catch (error) {
      // The batch then runs to its end; the wait for it is bounded by the caller.
      this.#error = toDeskError(error)
    }
    await halted
    await this.#rewrites.whenSaved(this.#loop.unsavedCount)
  }

  /** Sends again after a halt: the sign-in failed, or it was to this same site. */
  resume(): void {
    if (this.#disposed) return
    this.#loop.resume()
    this.#listenForWakes()
    void this.#report(true)
  }

  /** For good (the site's database is closing): no more listening, no more rewrites. */
  dispose(): void {
    this.#disposed = true
    this.stop()
    this.#rewrites.dispose()
  }

  async reload(): Promise<void> {
    this.#items = await this.#repository.listUnsent()
  }

  /**
   * Saves a result durably, then asks for it to be sent. Throws when it was not saved.
   * Resolves once committed, without waiting for the main process to answer the report:
   * the clerk's "Saved" waits only for the disk (a failed report is kept in `error`).
   */
  async capture(
    body: ChangeRequest,
    summary: OutboxItemSummary,
    capturedBy: string
  ): Promise<OutboxItem> {
    const item = await this.#repository.capture(body, summary, capturedBy)
    this.#merge([item])
    void this.#report(true)
    return item
  }

  async edit(id: string, body: ChangeRequest, summary: OutboxItemSummary): Promise<OutboxItem> {
    return this.#act(() => this.#repository.edit(id, body, summary), true)
  }

  async retryNow(id: string): Promise<OutboxItem> {
    return this.#act(() => this.#repository.retryNow(id), true)
  }

  async discard(id: string): Promise<OutboxItem> {
    return this.#act(() => this.#repository.discard(id), false)
  }

  /**
   * "Send all now": every result waiting out a backoff is due now (never one that needs
   * attention), and the main process is asked to wake the page. Resolves with the results
   * whose wait was cut short; throws when nothing could be saved.
   */
  async sendAllNow(): Promise<OutboxItem[]> {
    const changed = await this.#repository.sendAllNow()
    this.#merge(changed)
    await this.#report(true)
    return changed
  }

  /**
   * Sends whatever is due, until nothing is. Called on each wake; concurrent calls share
   * the run. Resolves to null when the run failed (the reason is in `error`).
   */
  async drain(): Promise<DrainSummary | null> {
    if (!this.#sending) {
      this.#sending = true
      const due = pickDueItems(this.#items, this.#now(), {
        limit: Number.MAX_SAFE_INTEGER,
        siteKey: this.#repository.siteKey
      })
      this.#progress = { done: 0, total: due.length }
    }
    try {
      const summary = await this.#loop.drain()
      this.#paused = summary.paused
      this.#error = null
      this.#rewrites.succeeded(this.#loop.unsavedCount)
      await this.reload()
      return summary
    } catch (error) {
      this.#error = toDeskError(error)
      if (error instanceof StorageWriteError) this.#rewrites.failed()
      return null
    } finally {
      this.#sending = false
      this.#progress = null
    }
  }

  /** The selected results (by id), or every result of the site, as a JSON document. */
  async exportJson(ids?: readonly string[]): Promise<string> {
    const items = ids ? await this.#repository.listByIds(ids) : await this.#repository.listAll()
    return outboxJson(items, { siteKey: this.#repository.siteKey, exportedAt: this.#now() })
  }

  /**
   * A wake from the main process. When the line came back, results that waited only for it
   * are made due first, so an afternoon offline does not leave them out for minutes of
   * backoff; if that write fails they keep their backoff, and the reason is kept in `error`.
   */
  async #woken(reason: WakeReason): Promise<void> {
    let failure: DeskError | null = null
    if (reason === 'online') {
      try {
        this.#merge(await this.#repository.retryOnReconnect())
      } catch (error) {
        failure = toDeskError(error)
      }
    }
    await this.drain()
    // A run that got through must not hide the failure; a run that failed tells its own.
    if (failure && !this.#error) this.#error = failure
  }

  #listenForWakes(): void {
    this.#unsubscribeWake?.()
    this.#unsubscribeWake = this.#desk.delivery.onWake((event) => void this.#woken(event.reason))
  }

  /**
   * A drain writes the answers the storage refused before it sends anything. A database
   * closed under the page opens again; the app closes it on purpose only after dispose().
   */
  async #rewrite(): Promise<void> {
    if (this.#disposed) return
    try {
      await this.#repository.reopenIfClosed()
    } catch (error) {
      this.#error = toDeskError(error)
      this.#rewrites.failed()
      return
    }
    await this.drain()
  }

  async #act(action: () => Promise<OutboxItem>, sendSoon: boolean): Promise<OutboxItem> {
    const item = await action()
    this.#merge([item])
    // As for a capture: the clerk's action is done once it has committed.
    void this.#report(sendSoon)
    return item
  }

  /** Applies saved items to the list without a reload: the list follows a run live. */
  #merge(saved: readonly OutboxItem[]): void {
    const { items, settled } = mergeSaved(this.#items, saved)
    this.#items = items
    if (this.#progress && settled > 0) {
      const done = this.#progress.done + settled
      this.#progress = { done, total: Math.max(done, this.#progress.total) }
    }
  }

  /**
   * Tells the main process what waits; `sendSoon` asks it to wake the page for a send. A
   * failure here must not undo a capture that has committed: it is kept in `error`, and the
   * main process's own timers and the next report put things right.
   */
  async #report(sendSoon: boolean): Promise<void> {
    const items = this.#items
    try {
      const unsaved = this.#loop.unsavedCount
      await this.#desk.delivery.report({
        unsentCount: items.length,
        nextDueAt: nextDueAt(items, { siteKey: this.#repository.siteKey, now: this.#now() }),
        captured: sendSoon,
        ...(unsaved > 0 ? { unsavedAnswers: unsaved } : {})
      })
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }
}
