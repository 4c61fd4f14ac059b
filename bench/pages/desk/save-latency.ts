import { OutboxRepository } from '$renderer/db/outbox-repository'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import { BENCH_SUMMARY, BENCH_USER, benchChangeRequest } from '../../contract/bench-items'
import { deleteRawDatabase, openRawDatabase, writeTransaction } from '../shared/raw-idb'
import { freshDatabase, signedInSite, uniqueName } from './page-context'

/** Saves before the measured ones: the first transactions pay for opening files. */
const WARM_UP = 20

/**
 * Save to committed, the clerk's wait after pressing Save: OutboxRepository.capture (zod
 * check, sequence, strict-durability transaction), against a raw IndexedDB put of the same
 * item into a store with the same indexes, also strict. The two alternate, so both see the
 * same disk and the same neighbours.
 */
export async function saveLatency(args: {
  saves: number
}): Promise<{ captureMs: number[]; rawPutMs: number[] }> {
  const db = await freshDatabase('save')
  const repository = new OutboxRepository(db)
  const rawName = uniqueName('save')
  const raw = await openRawDatabase(rawName, createOutboxLikeStore)
  const captureMs: number[] = []
  const rawPutMs: number[] = []
  try {
    for (let index = 0; index < WARM_UP + args.saves; index++) {
      const body = benchChangeRequest(index)
      const item = createOutboxItem({
        id: crypto.randomUUID(),
        idempotencyKey: crypto.randomUUID(),
        siteKey: signedInSite(),
        capturedBy: BENCH_USER,
        sequence: index + 1,
        capturedAt: Date.now(),
        body,
        summary: BENCH_SUMMARY
      })
      const captureFirst = index % 2 === 0
      let capture = 0
      let put = 0
      if (captureFirst) capture = await timeCapture(repository, body)
      put = await timePut(raw, item)
      if (!captureFirst) capture = await timeCapture(repository, body)
      if (index < WARM_UP) continue
      captureMs.push(capture)
      rawPutMs.push(put)
    }
  } finally {
    raw.close()
    await deleteRawDatabase(rawName)
    await db.delete()
  }
  return { captureMs, rawPutMs }
}

async function timeCapture(
  repository: OutboxRepository,
  body: ReturnType<typeof benchChangeRequest>
): Promise<number> {
  const started = performance.now()
  await repository.capture(body, BENCH_SUMMARY, BENCH_USER)
  return performance.now() - started
}

async function timePut(raw: IDBDatabase, item: unknown): Promise<number> {
  const started = performance.now()
  await writeTransaction(raw, 'outbox', 'strict', (store) => store.put(item))
  return performance.now() - started
}

/** The outbox table as Dexie declares it (src/renderer/src/db/desk-database.ts). */
export function createOutboxLikeStore(db: IDBDatabase): void {
  const store = db.createObjectStore('outbox', { keyPath: 'id' })
  store.createIndex('sequence', 'sequence', { unique: true })
  store.createIndex('state', 'state')
  store.createIndex('receipt.at', 'receipt.at')
}
