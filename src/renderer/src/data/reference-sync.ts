import type { DeskApi } from '$shared/bridge/desk-api'
import { MAX_PAGE_SIZE, type Connection } from '$shared/lookups'
import { REFERENCE_KINDS, type DeskDatabase, type ReferenceKind } from '../db/desk-database'
import { isReferenceStale, readAsOf, type ReferenceAsOf } from '../db/reference-store'
import { replaceAssignments, replaceList, replacePeople } from '../db/reference-writes'
import { fetchAllPages } from './fetch-pages'
import { ReferenceRefreshError } from './reference-refresh-error'

export interface ReferenceProgress {
  phase: ReferenceKind
  /** Items (or, for responses, connection types) fetched so far. */
  done: number
  /** As the site counts them; 0 until the first answer. */
  total: number
}

export interface RefreshOptions {
  /** Which kinds; all by default. */
  kinds?: readonly ReferenceKind[]
  onProgress?: (progress: ReferenceProgress) => void
}

export interface RefreshResult {
  asOf: ReferenceAsOf
  /** One error per kind that failed; the other kinds were refreshed. */
  failures: ReferenceRefreshError[]
  /** Items the site sent that could not be read (no id, say), by kind: left out, not fatal. */
  skipped: Partial<Record<ReferenceKind, number>>
}

export interface ReferenceSyncOptions {
  now?: () => number
  /** Items per page for people and assignments (at most 500, the service's limit). */
  pageSize?: number
  /** Pages of one list asked for at once (CONTRACT.md: at most 4). */
  concurrency?: number
}

export const DEFAULT_CONCURRENCY = 4

type Lookups = Pick<DeskApi, 'account' | 'types' | 'responses' | 'teams' | 'assignments' | 'people'>

/**
 * Downloads the reference data the clerk works from offline: the account and its rights,
 * connection types with their responses, teams, the open assignments (the summary, then
 * every type's pages) and the whole people directory (`q=%`, pages fetched a few at a
 * time). Each kind is fetched in full before it replaces the saved copy, in one
 * transaction, so a failed refresh leaves the earlier copy whole; each kind records its own
 * as-of time.
 */
export class ReferenceSync {
  readonly #db: DeskDatabase
  readonly #desk: Lookups
  readonly #now: () => number
  readonly #pageSize: number
  readonly #concurrency: number
  #running: Promise<RefreshResult> | undefined

  constructor(db: DeskDatabase, desk: Lookups, options: ReferenceSyncOptions = {}) {
    this.#db = db
    this.#desk = desk
    this.#now = options.now ?? Date.now
    this.#pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE))
    this.#concurrency = Math.max(1, options.concurrency ?? DEFAULT_CONCURRENCY)
  }

  async asOf(): Promise<ReferenceAsOf> {
    return readAsOf(this.#db)
  }

  /** Older than a day (or never fetched). */
  async isStale(now: number = this.#now()): Promise<boolean> {
    return isReferenceStale(await this.asOf(), now)
  }

  /**
   * Fetches the given kinds. A kind that fails keeps its saved copy and is reported in
   * `failures`; the others are still refreshed. A refresh already under way is shared.
   */
  refresh(options: RefreshOptions = {}): Promise<RefreshResult> {
    this.#running ??= this.#refresh(options).finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  /** The daily refresh at start-up: only when the saved copy is older than a day. */
  async refreshIfStale(options: RefreshOptions = {}): Promise<RefreshResult | undefined> {
    if (!(await this.isStale())) return undefined
    return this.refresh(options)
  }

  async #refresh(options: RefreshOptions): Promise<RefreshResult> {
    const kinds = REFERENCE_KINDS.filter((kind) =>
      (options.kinds ?? REFERENCE_KINDS).includes(kind)
    )
    const report = options.onProgress ?? (() => {})
    const failures: ReferenceRefreshError[] = []
    const skipped: RefreshResult['skipped'] = {}
    for (const kind of kinds) {
      const startedAt = this.#now()
      try {
        const progress = (done: number, total: number): void => report({ phase: kind, done, total })
        progress(0, 0)
        const unreadable = await this.#refreshKind(kind, startedAt, progress)
        if (unreadable > 0) skipped[kind] = unreadable
      } catch (error) {
        failures.push(new ReferenceRefreshError(kind, error))
      }
    }
    return { asOf: await this.asOf(), failures, skipped }
  }

  /** Refreshes one kind; answers how many items of it could not be read. */
  async #refreshKind(
    kind: ReferenceKind,
    startedAt: number,
    progress: (done: number, total: number) => void
  ): Promise<number> {
    const db = this.#db
    switch (kind) {
      case 'account': {
        const account = await this.#desk.account.get()
        await replaceList(db, kind, { key: 'account', value: account }, startedAt)
        return 0
      }
      case 'connectionTypes': {
        const types = await this.#desk.types.list()
        progress(types.items.length, types.items.length)
        await replaceList(db, kind, { key: 'connectionTypes', value: types.items }, startedAt)
        return types.skipped
      }
      case 'responses': {
        // Responses belong to types: fetch them for the types as the site lists them now.
        const types = (await this.#desk.types.list()).items
        const value = []
        let skipped = 0
        progress(0, types.length)
        for (const type of types) {
          const responses = await this.#desk.responses.list({ typeId: type.id })
          value.push({ typeId: type.id, responses: responses.items })
          skipped += responses.skipped
          progress(value.length, types.length)
        }
        await replaceList(db, kind, { key: 'responses', value }, startedAt)
        return skipped
      }
      case 'teams': {
        const teams = await this.#desk.teams.list()
        progress(teams.items.length, teams.items.length)
        await replaceList(db, kind, { key: 'teams', value: teams.items }, startedAt)
        return teams.skipped
      }
      case 'assignments':
        return this.#refreshAssignments(startedAt, progress)
      case 'people': {
        const fetched = await fetchAllPages(
          (pageIndex) =>
            this.#desk.people.search({ query: '%', pageIndex, pageSize: this.#pageSize }),
          { concurrency: this.#concurrency, onProgress: progress }
        )
        await replacePeople(db, fetched.pages, startedAt)
        return fetched.skipped
      }
    }
  }

  /** The summary (every page of it), then each type's assignments, type after type. */
  async #refreshAssignments(
    startedAt: number,
    progress: (done: number, total: number) => void
  ): Promise<number> {
    const summary = await fetchAllPages(
      (pageIndex) => this.#desk.assignments.summary({ pageIndex, pageSize: this.#pageSize }),
      { concurrency: this.#concurrency }
    )
    const types = summary.pages.flat()
    const expected = types.reduce((sum, type) => sum + type.total, 0)
    let skipped = summary.skipped
    let done = 0
    const pages: Connection[][] = []
    progress(0, expected)
    for (const type of types) {
      const fetched = await fetchAllPages(
        (pageIndex) =>
          this.#desk.assignments.list({
            typeId: type.typeId,
            pageIndex,
            pageSize: this.#pageSize
          }),
        {
          concurrency: this.#concurrency,
          onProgress: (typeDone) => progress(done + typeDone, Math.max(expected, done + typeDone))
        }
      )
      pages.push(...fetched.pages)
      skipped += fetched.skipped
      done += fetched.pages.reduce((sum, page) => sum + page.length, 0)
    }
    await replaceAssignments(this.#db, types, pages, startedAt)
    return skipped
  }
}
