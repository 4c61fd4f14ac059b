import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { BenchError } from '../../bench-error'
import { deleteRawDatabase, openRawDatabase, writeTransaction } from '../shared/raw-idb'
import { queuedItems } from './drain'
import { uniqueName } from './page-context'
import { createOutboxLikeStore } from './save-latency'

/**
 * The page's half of the durable raw loop (bench/durable-raw-loop.ts): while Node posts the
 * change requests, each batch of answers is written here in one strict raw IndexedDB
 * transaction to a store with the outbox's indexes. The answered records are made when the
 * store opens, untimed, so only the writes are measured.
 */
let open: { db: IDBDatabase; name: string; answered: OutboxItem[] } | undefined

export async function openDurableRawStore(args: { items: number }): Promise<void> {
  if (open) throw new BenchError('A durable raw store is already open on this page')
  const now = Date.now()
  const answered = queuedItems(args.items).map((item, index) =>
    applyOutcome(
      beginSending(item, now),
      { kind: 'accepted', connectionCRId: 100_000 + index, status: 200, idempotencyHonoured: true },
      now
    )
  )
  const name = uniqueName('durable-raw')
  open = { db: await openRawDatabase(name, createOutboxLikeStore), name, answered }
}

/** One strict transaction of the answers `from` .. `from + count`; resolves once committed. */
export async function writeDurableRawAnswers(args: { from: number; count: number }): Promise<void> {
  if (!open) throw new BenchError('Open the durable raw store before writing to it')
  const batch = open.answered.slice(args.from, args.from + args.count)
  await writeTransaction(open.db, 'outbox', 'strict', (store) => {
    for (const item of batch) store.put(item)
  })
}

export async function closeDurableRawStore(): Promise<void> {
  if (!open) return
  const { db, name } = open
  open = undefined
  db.close()
  await deleteRawDatabase(name)
}
