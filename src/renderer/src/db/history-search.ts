import type { OutboxItem } from '$shared/outbox/outbox-item'
import { nameTokens } from '../search/normalize-name'

/**
 * Whether a sent item matches what the clerk typed in the history search: every word must
 * begin a word of the contact, the connection type, the assignee, the user who captured
 * it, the comment, or be part of the change-request number.
 */
export function matchesHistorySearch(item: OutboxItem, search: string): boolean {
  const wanted = nameTokens(search)
  if (wanted.length === 0) return true
  const words = nameTokens(
    [
      item.summary.contactName,
      item.summary.connectionTypeName,
      item.summary.assigneeName ?? '',
      item.capturedBy,
      item.body.Comment
    ].join(' ')
  )
  const number = String(item.receipt?.connectionCRId ?? '')
  return wanted.every(
    (term) => number.includes(term) || words.some((word) => word.startsWith(term))
  )
}
