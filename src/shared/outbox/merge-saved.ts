import { UNSENT_STATES, type OutboxItem } from './outbox-item'

const UNSENT: ReadonlySet<string> = new Set(UNSENT_STATES)

/**
 * The unsent list after some items were saved: updated in place of the old ones, added when
 * new, dropped once sent or discarded, in capture order. `settled` counts items that left
 * `sending`, for the progress of a delivery run.
 */
export function mergeSaved(
  current: readonly OutboxItem[],
  saved: readonly OutboxItem[]
): { items: OutboxItem[]; settled: number } {
  const byId = new Map(saved.map((item) => [item.id, item]))
  let settled = 0
  const items: OutboxItem[] = []
  for (const item of current) {
    const update = byId.get(item.id)
    byId.delete(item.id)
    if (update && item.state === 'sending' && update.state !== 'sending') settled++
    const latest = update ?? item
    if (UNSENT.has(latest.state)) items.push(latest)
  }
  // Updates keep their place, so the list stays in capture order; only additions need a
  // sort (the delivery loop merges a batch into thousands of items several times a batch).
  let added = false
  for (const item of byId.values()) {
    if (!UNSENT.has(item.state)) continue
    items.push(item)
    added = true
  }
  if (added) items.sort((left, right) => left.sequence - right.sequence)
  return { items, settled }
}
