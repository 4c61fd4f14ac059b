import type { DeskApi } from '$shared/bridge/desk-api'
import { DeskError, SiteUnreachableError } from '$shared/errors'
import { MAX_PAGE_SIZE, type Connection } from '$shared/lookups'
import {
  readConnectionDetails,
  readPersonConnections,
  saveConnectionDetails,
  savePersonConnections
} from '../db/connection-cache'
import type { DeskDatabase } from '../db/desk-database'
import { fetchAllPages } from './fetch-pages'

/** Something asked for offline that was never fetched on this computer. */
export class NotFetchedYetError extends DeskError {
  override name = 'NotFetchedYetError'
}

export interface LookedUp<T> {
  value: T
  /** When it was fetched (ms since the epoch). */
  fetchedAt: number
  /** Read from this computer because the site could not be reached. */
  fromCache: boolean
}

export interface ConnectionLookupOptions {
  now?: () => number
  /** Pages of one person's connections asked for at once (CONTRACT.md: at most 4). */
  concurrency?: number
}

/**
 * A connection's details and a person's connections: fetched from the site when it can be
 * reached and kept on this computer, read from there when it cannot. Any other failure
 * (the site refused, the connection is gone) is the clerk's to read, not hidden by a copy.
 */
export class ConnectionLookup {
  readonly #db: DeskDatabase
  readonly #desk: Pick<DeskApi, 'connections'>
  readonly #now: () => number
  readonly #concurrency: number

  constructor(
    db: DeskDatabase,
    desk: Pick<DeskApi, 'connections'>,
    options: ConnectionLookupOptions = {}
  ) {
    this.#db = db
    this.#desk = desk
    this.#now = options.now ?? Date.now
    this.#concurrency = options.concurrency ?? 4
  }

  async details(connectionId: number): Promise<LookedUp<Connection>> {
    const fetchedAt = this.#now()
    try {
      const connection = await this.#desk.connections.get({ connectionId })
      await saveConnectionDetails(this.#db, connection, fetchedAt)
      return { value: connection, fetchedAt, fromCache: false }
    } catch (error) {
      if (!(error instanceof SiteUnreachableError)) throw error
      const cached = await readConnectionDetails(this.#db, connectionId)
      if (!cached) {
        throw new NotFetchedYetError(
          `The details of connection ${connectionId} were never fetched on this computer, and Access ACS cannot be reached now (${error.message}). They load when the connection is back.`
        )
      }
      return { value: cached.connection, fetchedAt: cached.fetchedAt, fromCache: true }
    }
  }

  async personConnections(personId: number, personName: string): Promise<LookedUp<Connection[]>> {
    const fetchedAt = this.#now()
    try {
      const fetched = await fetchAllPages(
        (pageIndex) =>
          this.#desk.connections.ofPerson({ personId, pageIndex, pageSize: MAX_PAGE_SIZE }),
        { concurrency: this.#concurrency }
      )
      const connections = fetched.pages.flat()
      await savePersonConnections(this.#db, personId, connections, fetchedAt)
      return { value: connections, fetchedAt, fromCache: false }
    } catch (error) {
      if (!(error instanceof SiteUnreachableError)) throw error
      const cached = await readPersonConnections(this.#db, personId)
      if (!cached) {
        throw new NotFetchedYetError(
          `${personName}’s connections were never fetched on this computer, and Access ACS cannot be reached now. Find ${personName} again when the connection is back.`
        )
      }
      return { value: cached.connections, fetchedAt: cached.fetchedAt, fromCache: true }
    }
  }
}
