import { blockersOf, type Blocker } from '$shared/outbox/delivery-order'
import { describeState } from '$shared/outbox/describe-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'

export interface OutboxRow {
  item: OutboxItem
  /** The state in plain words ("Waiting to send — next try 14:05"). */
  description: string
  /** An earlier unsent result for the same connection that must go first. */
  blocker?: Blocker
}

/** Each unsent result with its state in plain words and what holds it back. */
export function describeRows(
  items: readonly OutboxItem[],
  paused: boolean,
  formatTime: ((at: number) => string) | undefined
): OutboxRow[] {
  const blockers = blockersOf(items)
  return items.map((item) => {
    const blocker = blockers.get(item.id)
    const description = describeState(item, {
      paused,
      ...(blocker ? { blocker } : {}),
      ...(formatTime ? { formatTime } : {})
    })
    return blocker ? { item, description, blocker } : { item, description }
  })
}
