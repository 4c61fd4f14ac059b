import { ReferenceSync } from '$renderer/data/reference-sync'
import { REFERENCE_KINDS, type DeskDatabase } from '$renderer/db/desk-database'
import { readPeople, readWorkingSet } from '$renderer/db/reference-store'
import { replacePeople } from '$renderer/db/reference-writes'
import { SiteRegistry } from '$renderer/db/site-registry'
import type { ChangeRequest } from '$shared/change-request'
import type { Connection } from '$shared/lookups'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import { BenchError } from '../../bench-error'
import { BENCH_SUMMARY, BENCH_USER, benchChangeRequest } from '../../contract/bench-items'
import { latestDirectory } from './directory'
import { desk, signedInSite } from './page-context'

/** One unsent result in this many is for an open connection of the list (the rest are new). */
const UNSENT_FOR_LISTED = 10

/**
 * Fills the app's own database for the signed-in site, as a clerk's profile would be after
 * months of use: the reference data, `history` sent results and `unsent` queued ones. The
 * outbox is replaced each time, so every round of the first-screen metric opens the same
 * data. With `refresh`, the small kinds are downloaded by ReferenceSync through the bridge
 * and the people are copied from the directory benchmark's last download.
 */
export async function prepareFirstScreen(args: {
  history: number
  unsent: number
  refresh: boolean
}): Promise<{ people: number; connections: number; jsonBytes: number }> {
  const registry = new SiteRegistry()
  const db = await registry.open(signedInSite())
  registry.close()
  try {
    if (args.refresh) await fillReference(db)
    const open = (await readWorkingSet(db)).assignments
    const items = [...sentItems(args.history), ...unsentItems(args.unsent, args.history, open)]
    await db.transaction('rw', db.outbox, db.meta, async () => {
      await db.outbox.clear()
      await db.outbox.bulkPut(items)
      await db.meta.put({ key: 'sequence', value: items.length })
    })
    const people = await readPeople(db)
    const workingSet = await readWorkingSet(db)
    // What the cache holds, as the plain JSON the API sent it in: the heap metric's yardstick.
    const json = JSON.stringify({
      people,
      workingSet: { ...workingSet, responsesByType: [...workingSet.responsesByType] },
      outbox: items
    })
    return {
      people: people.length,
      connections: open.length,
      jsonBytes: new TextEncoder().encode(json).length
    }
  } finally {
    db.close()
  }
}

async function fillReference(db: DeskDatabase): Promise<void> {
  const kinds = REFERENCE_KINDS.filter((kind) => kind !== 'people')
  const { failures } = await new ReferenceSync(db, desk).refresh({ kinds })
  if (failures[0]) throw new BenchError(`The reference download failed: ${failures[0].message}`)
  await replacePeople(db, [await readPeople(latestDirectory())], Date.now())
}

/** Sent results as the history keeps them, a minute apart, the newest last. */
export function sentItems(count: number): OutboxItem[] {
  const now = Date.now()
  return Array.from({ length: count }, (_, index) => {
    const at = now - (count - index) * 60_000
    const item = captured(index, benchChangeRequest(index), at)
    return {
      ...item,
      state: 'sent',
      attempts: [{ at, outcome: 'accepted', status: 200, message: 'Accepted' }],
      receipt: { connectionCRId: 100_000 + index, at, possibleDuplicate: false },
      updatedAt: at
    }
  })
}

function unsentItems(count: number, after: number, open: Connection[]): OutboxItem[] {
  const now = Date.now()
  return Array.from({ length: count }, (_, index) => {
    const connection = index % UNSENT_FOR_LISTED === 0 ? open[index % open.length] : undefined
    const body = connection
      ? keepOpen(connection, after + index)
      : benchChangeRequest(after + index)
    const summary = connection
      ? { ...BENCH_SUMMARY, operation: 'keep-open' as const }
      : BENCH_SUMMARY
    return captured(after + index, body, now - (count - index) * 1000, summary)
  })
}

function captured(
  index: number,
  body: ChangeRequest,
  at: number,
  summary: OutboxItemSummary = BENCH_SUMMARY
): OutboxItem {
  return createOutboxItem({
    id: crypto.randomUUID(),
    idempotencyKey: crypto.randomUUID(),
    siteKey: signedInSite(),
    capturedBy: BENCH_USER,
    sequence: index + 1,
    capturedAt: at,
    body,
    summary
  })
}

function keepOpen(connection: Connection, index: number): ChangeRequest {
  const base = benchChangeRequest(index)
  return {
    ...base,
    ConnectionId: connection.id,
    ConnectionTypeId: connection.typeId,
    ContactIndvId: connection.contact?.id ?? base.ContactIndvId,
    FamilyConnection: connection.familyConnection,
    NewCallerIndvId: -1,
    NewTeamId: -1
  }
}
