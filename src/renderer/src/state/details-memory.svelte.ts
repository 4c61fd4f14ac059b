import { SvelteMap } from 'svelte/reactivity'
import type { DeskError } from '$shared/errors'
import type { Connection } from '$shared/lookups'
import { toDeskError } from '$shared/errors'

/**
 * The connections' details fetched so far (a form fetches them when it opens), in memory
 * for the lists: an assignment names no comment, so the list's "Last comment" comes from
 * here. Read once from this computer's copy when the site opens, then kept up to date as
 * forms fetch more.
 */
export class DetailsMemory {
  readonly #byId = new SvelteMap<number, Connection>()
  #error = $state.raw<DeskError | null>(null)

  detailsOf(connectionId: number): Connection | undefined {
    return this.#byId.get(connectionId)
  }

  /** A failure to read the saved details (the lists then show no comments). */
  get error(): DeskError | null {
    return this.#error
  }

  remember(connection: Connection): void {
    this.#byId.set(connection.id, connection)
  }

  /** Reads the saved details; ones remembered meanwhile are newer and stay. */
  async load(readAll: () => Promise<Connection[]>): Promise<void> {
    try {
      const saved = await readAll()
      for (const connection of saved) {
        if (!this.#byId.has(connection.id)) this.#byId.set(connection.id, connection)
      }
      this.#error = null
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }
}
