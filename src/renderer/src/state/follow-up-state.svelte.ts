import type { DeskError } from '$shared/errors'
import type { FollowUpCheck, FollowUpCheckResult } from '../data/follow-up-check'
import type { DeskDatabase } from '../db/desk-database'
import { readNotAppliedAfterDays, saveNotAppliedAfterDays } from '../db/follow-up-settings'
import type { OutboxRepository } from '../db/outbox-repository'
import { toDeskError } from '$shared/errors'

/**
 * The follow-up of sent results for the screens: the count of results "not applied yet" for
 * the status bar, the office's number of days, and the last check's account. Checks run in
 * the background; nothing here waits for the network before the clerk can go on.
 */
export class FollowUpState {
  #notAppliedCount = $state(0)
  #days = $state<number | null>(null)
  #checking = $state(false)
  #lastCheck = $state.raw<{ at: number; result: FollowUpCheckResult } | null>(null)
  #error = $state.raw<DeskError | null>(null)
  readonly #db: DeskDatabase
  readonly #repository: OutboxRepository
  readonly #check: FollowUpCheck
  readonly #now: () => number
  readonly #afterCheck: () => void

  constructor(options: {
    db: DeskDatabase
    repository: OutboxRepository
    check: FollowUpCheck
    now?: () => number
    /** Called after each check that wrote something (History reads its list again). */
    afterCheck?: () => void
  }) {
    this.#db = options.db
    this.#repository = options.repository
    this.#check = options.check
    this.#now = options.now ?? Date.now
    this.#afterCheck = options.afterCheck ?? (() => undefined)
  }

  get notAppliedCount(): number {
    return this.#notAppliedCount
  }

  /** Null until read. */
  get notAppliedAfterDays(): number | null {
    return this.#days
  }

  get checking(): boolean {
    return this.#checking
  }

  get lastCheck(): { at: number; result: FollowUpCheckResult } | null {
    return this.#lastCheck
  }

  get error(): DeskError | null {
    return this.#error
  }

  async load(): Promise<void> {
    try {
      this.#days = await readNotAppliedAfterDays(this.#db)
      this.#notAppliedCount = await this.#repository.countFollowUp('not-applied-yet')
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }

  /** "Check now", a refresh, or a start: looks in the background; never throws. */
  async checkNow(): Promise<void> {
    this.#checking = true
    try {
      const result = await this.#check.check()
      this.#lastCheck = { at: this.#now(), result }
      this.#error = null
      this.#notAppliedCount = await this.#repository.countFollowUp('not-applied-yet')
      this.#afterCheck()
    } catch (error) {
      this.#error = toDeskError(error)
    } finally {
      this.#checking = false
    }
  }

  /** The office's number of days; the states follow at once (no look needed for that). */
  async setNotAppliedAfterDays(days: number): Promise<boolean> {
    try {
      await saveNotAppliedAfterDays(this.#db, days)
      this.#days = days
      this.#error = null
    } catch (error) {
      this.#error = toDeskError(error)
      return false
    }
    await this.checkNow()
    return true
  }
}
