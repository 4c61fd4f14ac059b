import type { OutboxItem } from '$shared/outbox/outbox-item'

/** Unsent results per existing connection (new connections, -1, are not counted). */
export function countByConnection(items: readonly OutboxItem[]): ReadonlyMap<number, number> {
  const counts = new Map<number, number>()
  for (const item of items) {
    if (item.connectionId > 0) {
      counts.set(item.connectionId, (counts.get(item.connectionId) ?? 0) + 1)
    }
  }
  return counts
}
