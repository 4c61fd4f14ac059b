import { freshDatabase } from './page-context'
import { sentItems } from './first-screen-data'

const written: Array<{ delete(): Promise<void> }> = []

/**
 * Writes `items` sent results (as the history holds them: a receipt and one attempt each)
 * into a fresh site database in batches of 1,000, then closes it so everything is on disk.
 * The Node side reads the profile's size before and after (bench/suites/disk-suite.ts).
 */
export async function writeHistory(args: { items: number }): Promise<void> {
  const db = await freshDatabase('history-on-disk')
  const items = sentItems(args.items)
  for (let start = 0; start < items.length; start += 1000) {
    await db.outbox.bulkPut(items.slice(start, start + 1000))
  }
  db.close()
  written.push(db)
}

/** Deletes every database writeHistory wrote. */
export async function deleteHistory(): Promise<void> {
  for (const db of written.splice(0)) await db.delete()
}
