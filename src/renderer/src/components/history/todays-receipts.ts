import type { OutboxRepository } from '../../db/outbox-repository'
import { receiptLogCsv } from '../../export/receipt-log-csv'
import { localDayOrdinal } from '../../state/local-day'

/**
 * The day's receipt log for the administrator who approves the change requests in ACS:
 * every result sent on the clerk's calendar day `now` falls in, newest first.
 */
export async function todaysReceiptLog(
  repository: Pick<OutboxRepository, 'listSent'>,
  now: number
): Promise<{ csv: string; count: number }> {
  const today = localDayOrdinal(now)
  const sent = await repository.listSent({ limit: Number.MAX_SAFE_INTEGER })
  const todays = sent.filter((item) => item.receipt && localDayOrdinal(item.receipt.at) === today)
  return { csv: receiptLogCsv(todays), count: todays.length }
}
