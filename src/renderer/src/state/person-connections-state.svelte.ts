import type { DeskError } from '$shared/errors'
import type { Connection, Person } from '$shared/lookups'
import { toDeskError } from '$shared/errors'
import type { ConnectionLookupPort } from './looked-up'

export type PersonConnectionsStatus = 'idle' | 'loading' | 'loaded' | 'failed'

/**
 * "Find a person": the connections of the person the clerk found, fetched from the site when
 * online and kept for offline work; offline, a person whose connections were never fetched
 * is said so plainly (the lookup's error). Volunteers report on connections assigned to
 * them, which the clerk's own assignments may not include.
 */
export class PersonConnectionsState {
  #person = $state.raw<Person | null>(null)
  #personName = $state('')
  #status = $state<PersonConnectionsStatus>('idle')
  #connections = $state.raw<Connection[]>([])
  #fetchedAt = $state<number | null>(null)
  #fromCache = $state(false)
  #error = $state.raw<DeskError | null>(null)
  #chosenId = $state<number | null>(null)
  /** A newer open() wins over a slower, older one. */
  #generation = 0
  readonly #lookup: Pick<ConnectionLookupPort, 'personConnections'>

  constructor(lookup: Pick<ConnectionLookupPort, 'personConnections'>) {
    this.#lookup = lookup
  }

  get person(): Person | null {
    return this.#person
  }

  /** How the screens name the person. */
  get personName(): string {
    return this.#personName
  }

  get status(): PersonConnectionsStatus {
    return this.#status
  }

  /** The person's connections as fetched: open ones and closed ones alike. */
  get connections(): Connection[] {
    return this.#connections
  }

  /** When the connections shown were fetched; null until they were. */
  get fetchedAt(): number | null {
    return this.#fetchedAt
  }

  /** The connections shown are this computer's copy: the site could not be reached. */
  get fromCache(): boolean {
    return this.#fromCache
  }

  get error(): DeskError | null {
    return this.#error
  }

  /** The connection the clerk last opened, where the keyboard comes back to. */
  get chosenId(): number | null {
    return this.#chosenId
  }

  choose(connectionId: number): void {
    this.#chosenId = connectionId
  }

  connectionById(connectionId: number): Connection | undefined {
    return this.#connections.find((connection) => connection.id === connectionId)
  }

  /** Shows this person's connections, fetching them (or reading the saved copy offline). */
  async open(person: Person, personName: string): Promise<void> {
    if (this.#person?.id !== person.id) {
      this.#connections = []
      this.#fetchedAt = null
      this.#fromCache = false
      this.#chosenId = null
    }
    this.#person = person
    this.#personName = personName
    await this.#load()
  }

  /** Fetches the same person's connections again (after a result, or when back online). */
  async refresh(): Promise<void> {
    if (this.#person) await this.#load()
  }

  /** Back to finding someone. */
  close(): void {
    this.#generation++
    this.#person = null
    this.#personName = ''
    this.#status = 'idle'
    this.#connections = []
    this.#fetchedAt = null
    this.#fromCache = false
    this.#error = null
    this.#chosenId = null
  }

  async #load(): Promise<void> {
    const person = this.#person
    if (!person) return
    const generation = ++this.#generation
    this.#status = 'loading'
    this.#error = null
    try {
      const found = await this.#lookup.personConnections(person.id, this.#personName)
      if (generation !== this.#generation) return
      this.#connections = found.value
      this.#fetchedAt = found.fetchedAt
      this.#fromCache = found.fromCache
      this.#status = 'loaded'
    } catch (error) {
      if (generation !== this.#generation) return
      this.#error = toDeskError(error)
      this.#status = 'failed'
    }
  }
}
