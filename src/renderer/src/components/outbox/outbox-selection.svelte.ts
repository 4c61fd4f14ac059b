import { SvelteSet } from 'svelte/reactivity'

/** Which outbox items are ticked for export; ids of items that left the outbox drop out. */
export class OutboxSelection {
  readonly #ids = new SvelteSet<string>()

  has(id: string): boolean {
    return this.#ids.has(id)
  }

  /** The ticked ids among those still shown, in the order shown. */
  among(ids: readonly string[]): string[] {
    return ids.filter((id) => this.#ids.has(id))
  }

  toggle(id: string, on: boolean): void {
    if (on) this.#ids.add(id)
    else this.#ids.delete(id)
  }

  setAll(ids: readonly string[], on: boolean): void {
    this.#ids.clear()
    if (on) for (const id of ids) this.#ids.add(id)
  }
}
