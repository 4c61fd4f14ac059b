import type { DeskDatabase } from '$renderer/db/desk-database'

/**
 * Holds a write transaction on the people pages, so a read of the directory waits for it
 * (IndexedDB orders transactions with overlapping scopes) while every other table stays
 * readable: a test can look at the state between the two steps of a load. Writes to other
 * tables wait too in this Chromium, whose IndexedDB runs one write transaction at a time.
 * Resolves once the hold has begun; call the returned function to let go.
 */
export async function holdPeoplePages(db: DeskDatabase): Promise<() => Promise<void>> {
  let letGo = false
  let begun: () => void = () => {}
  const holding = new Promise<void>((resolve) => {
    begun = resolve
  })
  // A transaction ends when no request is pending, so keep one going until let go.
  const held = db.transaction('rw', db.directoryPages, async () => {
    await db.directoryPages.get(0)
    begun()
    while (!letGo) await db.directoryPages.get(0)
  })
  await Promise.race([holding, held])
  return async () => {
    letGo = true
    await held
  }
}
