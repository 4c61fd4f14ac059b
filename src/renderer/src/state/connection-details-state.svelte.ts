import type { DeskError } from '$shared/errors'
import type { Connection } from '$shared/lookups'
import { toDeskError } from '$shared/errors'
import type { ConnectionLookupPort } from './looked-up'

export type DetailsStatus = 'loading' | 'loaded' | 'failed'

/**
 * The details of the connection a form is open on (last comment, team members, responses,
 * whether this user may change it): fetched when the form opens if the site can be reached,
 * else read from this computer's copy. The form never waits for them: it opens with what the
 * list knew, and its header fills in when they arrive.
 */
export class ConnectionDetailsState {
  #status = $state<DetailsStatus>('loading')
  #connection = $state.raw<Connection | null>(null)
  #fetchedAt = $state<number | null>(null)
  #fromCache = $state(false)
  #error = $state.raw<DeskError | null>(null)
  readonly #lookup: Pick<ConnectionLookupPort, 'details'>
  readonly #connectionId: number

  constructor(lookup: Pick<ConnectionLookupPort, 'details'>, connectionId: number) {
    this.#lookup = lookup
    this.#connectionId = connectionId
  }

  get status(): DetailsStatus {
    return this.#status
  }

  /** The details as fetched (or saved), null until they arrive or when they could not. */
  get connection(): Connection | null {
    return this.#connection
  }

  get fetchedAt(): number | null {
    return this.#fetchedAt
  }

  get fromCache(): boolean {
    return this.#fromCache
  }

  /** Why the details could not be had (offline and never fetched, say); the form still works. */
  get error(): DeskError | null {
    return this.#error
  }

  async load(): Promise<void> {
    this.#status = 'loading'
    this.#error = null
    try {
      const found = await this.#lookup.details(this.#connectionId)
      this.#connection = found.value
      this.#fetchedAt = found.fetchedAt
      this.#fromCache = found.fromCache
      this.#status = 'loaded'
    } catch (error) {
      this.#error = toDeskError(error)
      this.#status = 'failed'
    }
  }
}
