import { OPERATION_LABELS } from '$shared/change-request'
import type { OutboxItem } from '$shared/outbox/outbox-item'

/** Said only after the item has committed: from then on it survives a crash or power cut. */
export function savedMessage(item: OutboxItem): string {
  const what = OPERATION_LABELS[item.summary.operation].toLowerCase()
  const who = item.summary.contactName || 'the contact'
  return `Saved: ${what} for ${who}. It is safe on this computer and waits to be sent.`
}
