import { OPERATION_LABELS, operationOf } from '$shared/change-request'
import { followUpOf } from '$shared/follow-up/follow-up-of'
import { FOLLOW_UP_LABELS, initialFollowUp } from '$shared/follow-up/follow-up-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { toCsv } from './csv'

export const RECEIPT_LOG_COLUMNS = [
  'Change request id',
  'Sent at',
  'User',
  'Operation',
  'Contact',
  'Connection type',
  'Connection id',
  'Possible duplicate',
  'Follow-up',
  'Follow-up since'
] as const

/**
 * The receipt log a church office keeps: one line per sent result, with the change-request
 * id Access ACS gave it. Items without a receipt (not sent) are left out. Times are ISO 8601
 * in UTC unless the caller formats them, so the file reads the same on every computer.
 */
export function receiptLogCsv(
  items: readonly OutboxItem[],
  formatTime: (at: number) => string = (at) => new Date(at).toISOString()
): string {
  const rows = items.flatMap((item) => {
    const receipt = item.receipt
    if (!receipt) return []
    const followUp = followUpOf(item) ?? initialFollowUp(receipt.at)
    return [
      [
        receipt.connectionCRId,
        formatTime(receipt.at),
        item.capturedBy,
        OPERATION_LABELS[operationOf(item.body)],
        item.summary.contactName,
        item.summary.connectionTypeName,
        item.connectionId > 0 ? item.connectionId : 'new',
        receipt.possibleDuplicate ? 'yes' : 'no',
        FOLLOW_UP_LABELS[followUp.state],
        formatTime(followUp.changedAt)
      ]
    ]
  })
  return toCsv([RECEIPT_LOG_COLUMNS, ...rows])
}
