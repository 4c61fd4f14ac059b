import { DeskError, StorageWriteError } from '../errors'
import type { OutboxItem } from './outbox-item'

/**
 * Answers the delivery loop has applied in memory but its store has not recorded yet. A
 * write that fails (the disk is full, the database was closed) keeps every answer it
 * carried here, and the next write carries them again: an answer the site gave is never
 * dropped, so an item it accepted is never sent again while the app runs.
 */
export class UnsavedAnswers {
  #items = new Map<string, OutboxItem>()

  get count(): number {
    return this.#items.size
  }

  /**
   * Runs `write` with the answers still unsaved added to `items` (newer states win). On
   * success they are forgotten; on failure all of them are kept and a StorageWriteError
   * says so in words a clerk can act on.
   */
  async commit<T>(
    items: readonly OutboxItem[],
    write: (all: OutboxItem[]) => Promise<T>
  ): Promise<T> {
    const all = new Map(this.#items)
    for (const item of items) all.set(item.id, item)
    const batch = [...all.values()]
    try {
      const result = await write(batch)
      for (const item of batch) {
        if (this.#items.get(item.id) === item) this.#items.delete(item.id)
      }
      return result
    } catch (error) {
      for (const item of items) this.#items.set(item.id, item)
      throw storageWriteErrorOf(error, this.#items.size)
    }
  }
}

/** A refused write in plain words: a full disk is named as such. */
export function storageWriteErrorOf(error: unknown, unsaved: number): DeskError {
  if (error instanceof StorageWriteError) return error
  const kept =
    unsaved === 0
      ? 'Nothing more is sent until it can be recorded.'
      : `Access ACS's answers for ${unsaved === 1 ? '1 result are' : `${unsaved} results are`} kept in memory and saved as soon as possible; leave Connections Desk open until this message goes away.`
  if (isQuotaExceeded(error)) {
    return new StorageWriteError(
      `This computer's disk is full, so Connections Desk could not save what it sent. ${kept} Free some disk space.`
    )
  }
  return new StorageWriteError(
    `Connections Desk could not save what it sent on this computer (${messageOf(error)}). ${kept}`
  )
}

function isQuotaExceeded(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 4; depth++) {
    if (cause instanceof Error && /quota/i.test(`${cause.name} ${cause.message}`)) return true
    // Dexie wraps an aborted transaction's DOMException as `inner`.
    cause = (cause as { inner?: unknown }).inner
  }
  return false
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message || error.name : String(error)
}
