import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Team
} from '../../../shared/lookups'
import type { DeskError } from '../../../shared/errors'
import type { DeskDatabase, ReferenceKind } from '../db/desk-database'
import {
  isReferenceStale,
  oldestAsOf,
  readReference,
  type ReferenceAsOf,
  type ReferenceSnapshot
} from '../db/reference-store'
import type { ReferenceRefreshError } from '../data/reference-refresh-error'
import type { ReferenceProgress, ReferenceSync } from '../data/reference-sync'
import { DEFAULT_RESULT_LIMIT, PeopleSearch, type PersonMatch } from '../search/people-search'
import { asDeskError } from './as-desk-error'
import { indexBy } from './index-by'

export interface ReferenceStateOptions {
  now?: () => number
  /** How often a running app checks whether its data has grown a day old. */
  staleCheckEveryMs?: number
}

const EMPTY: ReferenceSnapshot = {
  connectionTypes: [],
  responsesByType: new Map(),
  teams: [],
  people: [],
  connections: [],
  asOf: { connectionTypes: null, responses: null, teams: null, people: null, connections: null }
}

/**
 * The reference data the clerk works from offline: connection types and their responses,
 * teams, the people directory (with its typeahead), the open connections, and how fresh
 * each is. Refreshes run after sign-in, at start when the data is over a day old, once a
 * day while the app runs, and when the clerk asks.
 */
export class ReferenceState {
  #snapshot = $state.raw<ReferenceSnapshot>(EMPTY)
  #progress = $state.raw<ReferenceProgress | null>(null)
  #refreshing = $state(false)
  #failures = $state.raw<ReferenceRefreshError[]>([])
  #error = $state.raw<DeskError | null>(null)
  #peopleById = $derived(indexBy(this.#snapshot.people, (person) => person.IndvId))
  #typesById = $derived(indexBy(this.#snapshot.connectionTypes, (type) => type.ConnectionTypeId))
  #teamsById = $derived(indexBy(this.#snapshot.teams, (team) => team.TeamId))
  #connectionsById = $derived(
    indexBy(this.#snapshot.connections, (connection) => connection.ConnectionId)
  )
  /** Rebuilt with each load; not reactive itself, `searchVersion` says when it changed. */
  #search = PeopleSearch.build([])
  #searchVersion = $state(0)

  readonly #db: DeskDatabase
  readonly #sync: ReferenceSync
  readonly #now: () => number
  readonly #staleCheckEveryMs: number
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(db: DeskDatabase, sync: ReferenceSync, options: ReferenceStateOptions = {}) {
    this.#db = db
    this.#sync = sync
    this.#now = options.now ?? Date.now
    this.#staleCheckEveryMs = options.staleCheckEveryMs ?? 60 * 60 * 1000
  }

  get connectionTypes(): ConnectionType[] {
    return this.#snapshot.connectionTypes
  }

  /** The types a clerk may choose for a new connection. */
  get activeConnectionTypes(): ConnectionType[] {
    return this.#snapshot.connectionTypes.filter((type) => type.Active)
  }

  get teams(): Team[] {
    return this.#snapshot.teams
  }

  get people(): Individual[] {
    return this.#snapshot.people
  }

  /** The open connections. */
  get connections(): ConnectionDetails[] {
    return this.#snapshot.connections
  }

  get asOf(): ReferenceAsOf {
    return this.#snapshot.asOf
  }

  /** "Data as of": the oldest kind's time, null until everything was fetched once. */
  get dataAsOf(): number | null {
    return oldestAsOf(this.#snapshot.asOf)
  }

  get progress(): ReferenceProgress | null {
    return this.#progress
  }

  get refreshing(): boolean {
    return this.#refreshing
  }

  /** Kinds the last refresh could not fetch; each keeps its earlier copy. */
  get failures(): ReferenceRefreshError[] {
    return this.#failures
  }

  /** A failure to read the saved data at all. */
  get error(): DeskError | null {
    return this.#error
  }

  /** Changes whenever the people index is rebuilt, so a typeahead can search again. */
  get searchVersion(): number {
    return this.#searchVersion
  }

  responsesFor(connectionTypeId: number): ConnectionResponse[] {
    return this.#snapshot.responsesByType.get(connectionTypeId) ?? []
  }

  personById(indvId: number): Individual | undefined {
    return this.#peopleById.get(indvId)
  }

  typeById(connectionTypeId: number): ConnectionType | undefined {
    return this.#typesById.get(connectionTypeId)
  }

  teamById(teamId: number): Team | undefined {
    return this.#teamsById.get(teamId)
  }

  connectionById(connectionId: number): ConnectionDetails | undefined {
    return this.#connectionsById.get(connectionId)
  }

  isStale(now: number = this.#now()): boolean {
    return isReferenceStale(this.#snapshot.asOf, now)
  }

  searchPeople(query: string, limit: number = DEFAULT_RESULT_LIMIT): PersonMatch[] {
    return this.#search.search(query, limit)
  }

  /** Reads the saved copy and rebuilds the people index. */
  async load(): Promise<void> {
    try {
      const snapshot = await readReference(this.#db)
      this.#search = PeopleSearch.build(snapshot.people)
      this.#snapshot = snapshot
      this.#searchVersion++
      this.#error = null
    } catch (error) {
      this.#error = asDeskError(error)
    }
  }

  /** At start: load what is saved, refresh if it is over a day old, and check daily after. */
  async start(): Promise<void> {
    this.stop()
    await this.load()
    if (this.isStale()) await this.refresh()
    this.#timer = setInterval(() => {
      if (!this.#refreshing && this.isStale()) void this.refresh()
    }, this.#staleCheckEveryMs)
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
  }

  /** Fetches the given kinds (all by default) and loads the result; failures go to `failures`. */
  async refresh(kinds?: readonly ReferenceKind[]): Promise<void> {
    this.#refreshing = true
    try {
      const result = await this.#sync.refresh({
        ...(kinds ? { kinds } : {}),
        onProgress: (progress) => {
          this.#progress = progress
        }
      })
      this.#failures = result.failures
      await this.load()
    } catch (error) {
      this.#error = asDeskError(error)
    } finally {
      this.#refreshing = false
      this.#progress = null
    }
  }
}
