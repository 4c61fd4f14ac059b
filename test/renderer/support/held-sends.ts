import type { SendItem } from '$shared/bridge/channels'
import type { FakeDesk } from './fake-desk'

/** A batch the fake main process holds until the test lets its answers come back. */
export interface HeldBatch {
  items: SendItem[]
  release(): void
}

/** From now on every batch waits for `release()`, then gets the desk's usual answer. */
export function holdSends(desk: FakeDesk): HeldBatch[] {
  const held: HeldBatch[] = []
  desk.delivery.send = async (batch) => {
    desk.sentBatches.push(batch.items)
    desk.sentSiteKeys.push(batch.siteKey)
    const answer = desk.sendAnswer(batch.items)
    return new Promise((resolve) =>
      held.push({ items: batch.items, release: () => resolve(answer) })
    )
  }
  return held
}
