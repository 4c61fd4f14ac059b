import { SvelteSet } from 'svelte/reactivity'

/**
 * The connections ticked in the list, by id (they stay ticked while the list is filtered or
 * sorted). A Shift-click or Shift+arrow ticks the range from the last row ticked.
 */
export class RowSelection {
  readonly #ids = new SvelteSet<number>()
  #anchor: number | null = null

  has(connectionId: number): boolean {
    return this.#ids.has(connectionId)
  }

  get size(): number {
    return this.#ids.size
  }

  get ids(): ReadonlySet<number> {
    return this.#ids
  }

  /** Ticks or unticks one row; with `range`, ticks every row from the anchor to it. */
  toggle(ids: readonly number[], index: number, range = false): void {
    const id = ids[index]
    if (id === undefined) return
    const anchorIndex = this.#anchor === null ? -1 : ids.indexOf(this.#anchor)
    if (range && anchorIndex >= 0) {
      const [from, to] = anchorIndex < index ? [anchorIndex, index] : [index, anchorIndex]
      for (const each of ids.slice(from, to + 1)) this.#ids.add(each)
    } else if (this.#ids.has(id)) {
      this.#ids.delete(id)
    } else {
      this.#ids.add(id)
    }
    this.#anchor = id
  }

  /** Ticks a row reached with Shift+arrow, starting the range at the row left when none. */
  extend(ids: readonly number[], from: number, to: number): void {
    const start = ids[from]
    if (start === undefined) return
    if (this.#anchor === null || !this.#ids.has(this.#anchor)) {
      this.#anchor = start
      this.#ids.add(start)
    }
    const anchor = this.#anchor
    this.toggle(ids, to, true)
    this.#anchor = anchor
  }

  clear(): void {
    this.#ids.clear()
    this.#anchor = null
  }
}
