import type { OutboxItem } from '$shared/outbox/outbox-item'

export const OUTBOX_EXPORT_FORMAT = 'connections-desk-outbox'
export const OUTBOX_EXPORT_VERSION = 1

export interface OutboxExport {
  format: typeof OUTBOX_EXPORT_FORMAT
  version: typeof OUTBOX_EXPORT_VERSION
  siteKey: string
  exportedAt: string
  items: OutboxItem[]
}

/**
 * The outbox items (the ones selected, or all) as a JSON document, whole: body, summary,
 * attempts, receipt. It is what a clerk hands to support, or keeps before clearing a
 * computer, so nothing a later reader might need is left out.
 */
export function outboxJson(
  items: readonly OutboxItem[],
  context: { siteKey: string; exportedAt: number }
): string {
  const document: OutboxExport = {
    format: OUTBOX_EXPORT_FORMAT,
    version: OUTBOX_EXPORT_VERSION,
    siteKey: context.siteKey,
    exportedAt: new Date(context.exportedAt).toISOString(),
    items: [...items]
  }
  return `${JSON.stringify(document, null, 2)}\n`
}
