import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Person,
  Team
} from '$shared/lookups'
import type { DeskError } from '$shared/errors'
import type { DeskDatabase, ReferenceKind } from '../db/desk-database'
import { replaceList } from '../db/reference-writes'
import {
  isReferenceStale,
  oldestAsOf,
  readPeople,
  readWorkingSet,
  type ReferenceAsOf,
  type WorkingSet
} from '../db/reference-store'
import type { ReferenceRefreshError } from '../data/reference-refresh-error'
import type { ReferenceProgress, ReferenceSync } from '../data/reference-sync'
import { DEFAULT_RESULT_LIMIT, PeopleSearch, type PersonMatch } from '../search/people-search'
import { toDeskError } from '$shared/errors'
import { indexBy } from './index-by'

export interface ReferenceStateOptions {
  /** After each refresh, whether or not it fetched everything (the follow-up check). */
  afterRefresh?: () => void
  now?: () => number
  /** How often a running app checks whether its data has grown a day old. */
  staleCheckEveryMs?: number
}

const EMPTY: WorkingSet = {
  account: null,
  connectionTypes: [],
  responsesByType: new Map(),
  teams: [],
  assignmentSummary: [],
  assignments: [],
  asOf: {
    account: null,
    connectionTypes: null,
    responses: null,
    teams: null,
    assignments: null,
    people: null
  }
}

/** One read of the saved copy, in its two steps. */
interface Loading {
  /** The working set is published (true), or was not: it failed, or a newer read began. */
  workingSet: Promise<boolean>
  /** The directory is read and indexed too, or could not be. */
  people: Promise<void>
}

/**
 * The reference data the clerk works from offline: the account and its rights, connection
 * types and their responses, teams, the open assignments, the people directory (with its
 * typeahead), and how fresh each is. Refreshes run after sign-in, at start when the data is
 * over a day old, once a day while the app runs, and when the clerk asks.
 *
 * The saved copy is read in two steps, so the connections list does not wait for 50,000
 * people: first everything else (the assignments carry their contacts and team members,
 * enough for the list's names, filters and sorting); then the whole directory and its
 * search index.
 */
export class ReferenceState {
  #workingSet = $state.raw<WorkingSet>(EMPTY)
  /** The whole directory, once read; until then `personById` answers from the named people. */
  #people = $state.raw<Person[] | null>(null)
  #progress = $state.raw<ReferenceProgress | null>(null)
  #refreshing = $state(false)
  #failures = $state.raw<ReferenceRefreshError[]>([])
  #error = $state.raw<DeskError | null>(null)
  #skipped = $state.raw<Partial<Record<ReferenceKind, number>>>({})
  #peopleById = $derived(indexBy(this.#people ?? [], (person) => person.id))
  #typesById = $derived(indexBy(this.#workingSet.connectionTypes, (type) => type.id))
  #teamsById = $derived(indexBy(this.#workingSet.teams, (team) => team.id))
  #connectionsById = $derived(indexBy(this.#workingSet.assignments, (connection) => connection.id))
  /** Rebuilt with each load; not reactive itself, `searchVersion` says when it changed. */
  #search = PeopleSearch.build([])
  #searchVersion = $state(0)
  #loaded = $state(false)
  /** Counts reads of the saved copy: a slower, older read must not overwrite a newer one. */
  #generation = 0

  readonly #db: DeskDatabase
  readonly #sync: ReferenceSync
  readonly #now: () => number
  readonly #staleCheckEveryMs: number
  readonly #afterRefresh: () => void
  #timer: ReturnType<typeof setInterval> | undefined

  constructor(db: DeskDatabase, sync: ReferenceSync, options: ReferenceStateOptions = {}) {
    this.#db = db
    this.#sync = sync
    this.#now = options.now ?? Date.now
    this.#staleCheckEveryMs = options.staleCheckEveryMs ?? 60 * 60 * 1000
    this.#afterRefresh = options.afterRefresh ?? (() => undefined)
  }

  /** The signed-in user and their rights, as last fetched; null until then. */
  get account(): Account | null {
    return this.#workingSet.account
  }

  get connectionTypes(): ConnectionType[] {
    return this.#workingSet.connectionTypes
  }

  /** Per connection type: how many open assignments, the earliest due date, the colour. */
  get assignmentSummary(): AssignmentSummary[] {
    return this.#workingSet.assignmentSummary
  }

  get teams(): Team[] {
    return this.#workingSet.teams
  }

  /** The whole directory; empty until it has been read (`directoryLoading`). */
  get people(): Person[] {
    return this.#people ?? []
  }

  /** The saved copy has been read once (the working set; the directory may still be loading). */
  get loaded(): boolean {
    return this.#loaded
  }

  /**
   * The saved directory is still being read for the first time: a search finds no one yet,
   * which is not the same as no one matching.
   */
  get directoryLoading(): boolean {
    return this.#people === null && this.#error === null
  }

  /** The open assignments of every type: the clerk's work list. */
  get connections(): Connection[] {
    return this.#workingSet.assignments
  }

  get asOf(): ReferenceAsOf {
    return this.#workingSet.asOf
  }

  /** "Data as of": the oldest kind's time, null until everything was fetched once. */
  get dataAsOf(): number | null {
    return oldestAsOf(this.#workingSet.asOf)
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

  /** Items the last refresh could not read (no id, say), by kind: left out, not fatal. */
  get skipped(): Partial<Record<ReferenceKind, number>> {
    return this.#skipped
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
    return this.#workingSet.responsesByType.get(connectionTypeId) ?? []
  }

  /** From the directory; undefined until it is read, or for someone not in it. */
  personById(indvId: number): Person | undefined {
    return this.#peopleById.get(indvId)
  }

  typeById(connectionTypeId: number): ConnectionType | undefined {
    return this.#typesById.get(connectionTypeId)
  }

  teamById(teamId: number): Team | undefined {
    return this.#teamsById.get(teamId)
  }

  /** One of the open assignments. */
  connectionById(connectionId: number): Connection | undefined {
    return this.#connectionsById.get(connectionId)
  }

  isStale(now: number = this.#now()): boolean {
    return isReferenceStale(this.#workingSet.asOf, now)
  }

  searchPeople(query: string, limit: number = DEFAULT_RESULT_LIMIT): PersonMatch[] {
    return this.#search.search(query, limit)
  }

  /** Reads the saved copy, publishing the working set first, and rebuilds the people index. */
  async load(): Promise<void> {
    await this.#load().people
  }

  /**
   * At start: load what is saved, refresh if it is over a day old (known from the working
   * set, while the directory is still being read), and check daily after.
   */
  async start(): Promise<void> {
    this.stop()
    const loading = this.#load()
    await loading.workingSet
    if (this.isStale()) await this.refresh()
    await loading.people
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
      this.#skipped = result.skipped
      await this.load()
    } catch (error) {
      this.#error = toDeskError(error)
    } finally {
      this.#refreshing = false
      this.#progress = null
    }
    this.#afterRefresh()
  }

  /**
   * Keeps the account a sign-in answered at once, before the refresh that follows fetches
   * it again: the rights are known from the first screen.
   */
  async rememberAccount(account: Account): Promise<void> {
    try {
      await replaceList(this.#db, 'account', { key: 'account', value: account }, this.#now())
      this.#workingSet = {
        ...this.#workingSet,
        account,
        asOf: { ...this.#workingSet.asOf, account: this.#now() }
      }
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }

  #load(): Loading {
    const generation = ++this.#generation
    const workingSet = this.#loadWorkingSet(generation)
    const people = workingSet.then(async (read) => {
      if (read) await this.#loadPeople(generation)
    })
    return { workingSet, people }
  }

  async #loadWorkingSet(generation: number): Promise<boolean> {
    try {
      const workingSet = await readWorkingSet(this.#db)
      if (generation !== this.#generation) return false
      this.#workingSet = workingSet
      this.#loaded = true
      this.#error = null
      return true
    } catch (error) {
      this.#error = toDeskError(error)
      return false
    }
  }

  async #loadPeople(generation: number): Promise<void> {
    try {
      const people = await readPeople(this.#db)
      if (generation !== this.#generation) return
      this.#search = PeopleSearch.build(people)
      this.#people = people
      this.#searchVersion++
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }
}
