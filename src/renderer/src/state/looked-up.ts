import type { Connection } from '$shared/lookups'

/**
 * Something fetched from the site when it could be reached, or read from this computer when
 * not (data/connection-lookup.ts keeps what was fetched).
 */
export interface LookedUp<T> {
  value: T
  /** When it was fetched (ms since the epoch). */
  fetchedAt: number
  /** Read from this computer because the site could not be reached. */
  fromCache: boolean
}

/** A connection's details and a person's connections, online or as last fetched. */
export interface ConnectionLookupPort {
  details(connectionId: number): Promise<LookedUp<Connection>>
  personConnections(personId: number, personName: string): Promise<LookedUp<Connection[]>>
}
