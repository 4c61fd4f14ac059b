import type { Transaction } from 'dexie'
import { initialFollowUp } from '$shared/follow-up/follow-up-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'

/**
 * Version 3 to 4: every sent result is waiting for approval since its receipt; the first
 * check after the upgrade looks at those of the last 30 days.
 */
export async function upgradeToFollowUps(transaction: Transaction): Promise<void> {
  await transaction
    .table<OutboxItem, string>('outbox')
    .where('state')
    .equals('sent')
    .modify((item) => {
      if (item.receipt && !item.followUp) item.followUp = initialFollowUp(item.receipt.at)
    })
}
