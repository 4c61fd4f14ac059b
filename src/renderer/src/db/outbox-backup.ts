import type { DeskApi } from '$shared/bridge/desk-api'
import type { BackedUpResult, BackupListing } from '$shared/outbox/result-backup'

/**
 * The second copy of one site's unsent results, kept by the main process outside
 * Chromium's storage (src/shared/outbox/result-backup.ts explains why). The outbox
 * repository writes it after each capture and edit, and restores from it at start-up.
 */
export interface OutboxBackup {
  keep(results: BackedUpResult[]): Promise<void>
  drop(ids: string[]): Promise<void>
  list(): Promise<BackupListing>
}

export function deskOutboxBackup(desk: Pick<DeskApi, 'backup'>, siteKey: string): OutboxBackup {
  return {
    keep: (results) => desk.backup.keep(results),
    drop: (ids) => desk.backup.drop({ siteKey, ids }),
    list: () => desk.backup.list({ siteKey })
  }
}
