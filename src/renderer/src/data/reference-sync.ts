import type { Table } from 'dexie'
import type { DeskApi } from '../../../shared/bridge/desk-api'
import { UnexpectedAnswerError } from '../../../shared/errors'
import { MAX_PAGE_SIZE, type Paged } from '../../../shared/legacy-lookups'
import {
  REFERENCE_KINDS,
  type DeskDatabase,
  type ReferenceKind,
  type ResponseRow
} from '../db/desk-database'
import { isReferenceStale, readAsOf, type ReferenceAsOf } from '../db/reference-store'
import { replaceConnections, replacePeople } from '../db/reference-writes'
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
}

export interface ReferenceSyncOptions {
  now?: () => number
  /** Items per page for people and connections (at most 1,000). */
  pageSize?: number
}

/** A directory answering more pages than this is looping: stop instead of filling the disk. */
const MAX_PAGES = 1000

/**
 * Downloads the reference data the clerk works from offline: connection types with their
 * responses, teams, the whole people directory and the open connections. Each kind is
 * fetched in full before it replaces the saved copy, in one transaction, so a failed
 * refresh leaves the earlier copy whole; each kind records its own as-of time.
 */
export class ReferenceSync {
  readonly #db: DeskDatabase
  readonly #lookups: DeskApi['lookups']
  readonly #now: () => number
  readonly #pageSize: number
  #running: Promise<RefreshResult> | undefined

  constructor(
    db: DeskDatabase,
    desk: Pick<DeskApi, 'lookups'>,
    options: ReferenceSyncOptions = {}
  ) {
    this.#db = db
    this.#lookups = desk.lookups
    this.#now = options.now ?? Date.now
    this.#pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, options.pageSize ?? MAX_PAGE_SIZE))
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
    for (const kind of kinds) {
      const startedAt = this.#now()
      try {
        const progress = (done: number, total: number): void => report({ phase: kind, done, total })
        progress(0, 0)
        await this.#refreshKind(kind, startedAt, progress)
      } catch (error) {
        failures.push(new ReferenceRefreshError(kind, error))
      }
    }
    return { asOf: await this.asOf(), failures }
  }

  async #refreshKind(
    kind: ReferenceKind,
    startedAt: number,
    progress: (done: number, total: number) => void
  ): Promise<void> {
    const db = this.#db
    switch (kind) {
      case 'connectionTypes': {
        const types = await this.#lookups.connectionTypes()
        progress(types.length, types.length)
        return this.#replace(kind, db.connectionTypes, [types], startedAt)
      }
      case 'responses': {
        // Responses belong to types: fetch them for the types as the site lists them now.
        const types = await this.#lookups.connectionTypes()
        const rows: ResponseRow[][] = []
        progress(0, types.length)
        for (const type of types) {
          const responses = await this.#lookups.responses({
            connectionTypeId: type.ConnectionTypeId
          })
          rows.push(
            responses.map((response) => ({ ...response, ConnectionTypeId: type.ConnectionTypeId }))
          )
          progress(rows.length, types.length)
        }
        return this.#replace(kind, db.responses, rows, startedAt)
      }
      case 'teams': {
        const teams = await this.#lookups.teams()
        progress(teams.length, teams.length)
        return this.#replace(kind, db.teams, [teams], startedAt)
      }
      case 'people': {
        const pages = await this.#allPages(
          (page, pageSize) => this.#lookups.people({ page, pageSize }),
          progress
        )
        return replacePeople(db, pages, startedAt)
      }
      case 'connections': {
        const pages = await this.#allPages(
          (page, pageSize) => this.#lookups.connections({ status: 'open', page, pageSize }),
          progress
        )
        return replaceConnections(db, pages, startedAt)
      }
    }
  }

  async #allPages<T>(
    fetchPage: (page: number, pageSize: number) => Promise<Paged<T>>,
    progress: (done: number, total: number) => void
  ): Promise<T[][]> {
    const pages: T[][] = []
    let done = 0
    for (let page = 1; ; page++) {
      if (page > MAX_PAGES) {
        throw new UnexpectedAnswerError(
          `Access ACS kept answering with more pages (over ${MAX_PAGES}); the list was not saved.`
        )
      }
      const answer = await fetchPage(page, this.#pageSize)
      pages.push(answer.Items)
      done += answer.Items.length
      progress(done, Math.max(answer.TotalCount, done))
      // The site may use smaller pages than asked for, so the count decides, not the page size.
      if (answer.Items.length === 0 || done >= answer.TotalCount) return pages
    }
  }

  /**
   * Swaps the saved copy of a small kind for the new one in one transaction, with its as-of
   * time. People and connections have their own (db/reference-writes.ts).
   */
  async #replace<Row, Key, Insert>(
    kind: ReferenceKind,
    table: Table<Row, Key, Insert>,
    pages: readonly Insert[][],
    asOf: number
  ): Promise<void> {
    await this.#db.transaction('rw', table, this.#db.meta, async () => {
      await table.clear()
      for (const page of pages) await table.bulkPut(page)
      await this.#db.meta.put({ key: `asOf:${kind}`, value: asOf })
    })
  }
}
