import type { OutboxItem } from '$shared/outbox/outbox-item'
import { restoreFromBackup as restoreItem } from '$shared/outbox/outbox-transitions'
import { needsBackup, type BackupListing } from '$shared/outbox/result-backup'
import type { DeskDatabase } from './desk-database'

export interface RestoredFromBackup {
  /** Results the outbox had lost, now back in it (uncertain: they may have been sent). */
  restored: OutboxItem[]
  /** Results the outbox holds as sent or discarded whose copy can go. */
  settledIds: string[]
}

/**
 * Puts back every backed-up result the site's outbox no longer has, in one transaction,
 * and moves the capture counter past every number the site handed out, so a result
 * captured after a loss never takes the number of one sent before it. Restored results
 * keep their numbers unless one is taken (a capture made before the restore), in which
 * case they are numbered again after the highest, in their order.
 */
export async function restoreFromBackupListing(
  db: DeskDatabase,
  listing: BackupListing,
  now: number
): Promise<RestoredFromBackup> {
  const ofThisSite = listing.results.filter((result) => result.siteKey === db.siteKey)
  return db.transaction('rw', db.outbox, db.meta, async () => {
    const stored = await db.outbox.bulkGet(ofThisSite.map((result) => result.id))
    const settledIds = stored.flatMap((item) => (item && !needsBackup(item) ? [item.id] : []))
    let restored = ofThisSite
      .filter((_result, index) => stored[index] === undefined)
      .map((result) => restoreItem(result, now))
    const highest = await db.outbox.orderBy('sequence').last()
    const counter = await db.meta.get('sequence')
    let issued = Math.max(listing.highestSequence, counter?.value ?? 0)
    if (restored.length > 0) {
      const taken = await db.outbox
        .where('sequence')
        .anyOf(restored.map((item) => item.sequence))
        .count()
      if (taken > 0) {
        const after = Math.max(issued, highest?.sequence ?? 0)
        restored = restored.map((item, index) => ({ ...item, sequence: after + index + 1 }))
      }
      await db.outbox.bulkAdd(restored)
      issued = Math.max(issued, ...restored.map((item) => item.sequence))
    }
    if (issued > (counter?.value ?? 0)) await db.meta.put({ key: 'sequence', value: issued })
    return { restored, settledIds }
  })
}
