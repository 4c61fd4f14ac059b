import { attemptCount } from '$shared/outbox/attempt-history'
import { FIELD_LABELS, OPERATION_LABELS, operationOf } from '$shared/change-request'
import type { OutboxRow } from '../state/outbox-state.svelte'
import { toCsv } from './csv'
import { isoTime } from '../components/common/format-time'

export const OUTBOX_CSV_COLUMNS = [
  'Captured at',
  'Captured by',
  'State',
  'Operation',
  'Contact',
  'Connection type',
  'Assigned to',
  'Connection id',
  FIELD_LABELS.ConnectionDate,
  FIELD_LABELS.Comment,
  'Attempts',
  'Last attempt'
] as const

/**
 * The unsent results as a spreadsheet: what a clerk prints or hands over when the line has
 * been down for days. Each row says in plain words where the result stands.
 */
export function outboxCsv(rows: readonly OutboxRow[]): string {
  return toCsv([
    OUTBOX_CSV_COLUMNS,
    ...rows.map(({ item, description }) => {
      const last = item.attempts.at(-1)
      return [
        isoTime(item.capturedAt),
        item.capturedBy,
        description,
        OPERATION_LABELS[operationOf(item.body)],
        item.summary.contactName,
        item.summary.connectionTypeName,
        item.summary.assigneeName ?? '',
        item.connectionId > 0 ? item.connectionId : 'new',
        item.body.ConnectionDate,
        item.body.Comment,
        attemptCount(item),
        last ? `${isoTime(last.at)} ${last.message}` : ''
      ]
    })
  ])
}
