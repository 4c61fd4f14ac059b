import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import type { DrainWriteFloor } from '../../contract/desk-bench-api'
import { deleteRawDatabase, openRawDatabase, writeTransaction } from '../shared/raw-idb'
import { queuedItems } from './drain'
import { uniqueName } from './page-context'
import { createOutboxLikeStore } from './save-latency'

/**
 * The least disk work a drain that keeps an account of every item must do, with no
 * network at all: the items' answers written with raw IndexedDB (strict durability, the
 * app's indexes), a batch per transaction, once per item (the answer alone) and twice (a
 * lock before the send, then the answer, as the app does). Compared with the raw POST loop
 * it shows how far any durable drain on this machine can get.
 */
export async function drainWriteFloor(args: {
  items: number
  batchSize: number
}): Promise<DrainWriteFloor> {
  const queued = queuedItems(args.items)
  const now = Date.now()
  const locked = queued.map((item) => beginSending(item, now))
  const answered = locked.map((item, index) =>
    applyOutcome(
      item,
      { kind: 'accepted', connectionCRId: 100_000 + index, status: 200, idempotencyHonoured: true },
      now
    )
  )
  return {
    answersOnlyMs: await timeWrites([answered], args.batchSize),
    lockAndAnswerMs: await timeWrites([locked, answered], args.batchSize)
  }
}

/** Writes each list batch by batch, the lists interleaved per batch as a drain would. */
async function timeWrites(lists: OutboxItem[][], batchSize: number): Promise<number> {
  const name = uniqueName('write-floor')
  const db = await openRawDatabase(name, createOutboxLikeStore)
  try {
    const count = lists[0]?.length ?? 0
    const started = performance.now()
    for (let start = 0; start < count; start += batchSize) {
      for (const list of lists) {
        const batch = list.slice(start, start + batchSize)
        await writeTransaction(db, 'outbox', 'strict', (store) => {
          for (const item of batch) store.put(item)
        })
      }
    }
    return performance.now() - started
  } finally {
    db.close()
    await deleteRawDatabase(name)
  }
}
