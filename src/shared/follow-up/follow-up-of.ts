import type { OutboxItem } from '../outbox/outbox-item'
import { initialFollowUp, type FollowUp } from './follow-up-state'

/** A sent item's follow-up: as last checked, or waiting since its receipt. */
export function followUpOf(item: OutboxItem): FollowUp | undefined {
  if (!item.receipt) return undefined
  return item.followUp ?? initialFollowUp(item.receipt.at)
}
