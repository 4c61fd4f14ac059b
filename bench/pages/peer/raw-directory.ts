import { BenchError } from '../../bench-error'
import { deleteRawDatabase, openRawDatabase, requestDone } from '../shared/raw-idb'
import { PEER_API_PATH } from '../../contract/peer-bench-api'

let databases = 0

/**
 * The least the directory download can cost: plain fetch of the pages (`q=%`, the first
 * for the page count, then the rest `concurrency` at a time, as the app does), the
 * browser's JSON parser, then one strict read-write transaction that clears the store and
 * puts every person. No validation, no bridge.
 */
export async function rawDirectory(args: {
  people: number
  pageSize: number
  concurrency: number
  authorization: string
}): Promise<{ ms: number; stored: number; fetchMs: number }> {
  databases++
  const name = `bench-raw-directory-${databases}-${Date.now()}`
  const db = await openRawDatabase(name, (created) => {
    created.createObjectStore('people', { keyPath: 'IndvId' })
  })
  try {
    const started = performance.now()
    const first = await fetchPage(args, 0)
    const pages: unknown[][] = [first.items]
    let next = 1
    const worker = async (): Promise<void> => {
      while (next < first.pageCount) {
        const index = next++
        pages[index] = (await fetchPage(args, index)).items
      }
    }
    await Promise.all(Array.from({ length: args.concurrency }, worker))
    const fetchMs = performance.now() - started
    await putPagesInOneTransaction(db, pages)
    const ms = performance.now() - started
    const stored = await requestDone(
      db.transaction('people', 'readonly').objectStore('people').count(),
      'Counting the stored people'
    )
    return { ms, stored, fetchMs }
  } finally {
    db.close()
    await deleteRawDatabase(name)
  }
}

async function fetchPage(
  args: { pageSize: number; authorization: string },
  pageIndex: number
): Promise<{ items: unknown[]; pageCount: number }> {
  const response = await fetch(
    `${PEER_API_PATH}/individuals?q=%25&pageIndex=${pageIndex}&pageSize=${args.pageSize}`,
    { headers: { Accept: 'application/json', Authorization: args.authorization } }
  )
  if (!response.ok) throw new BenchError(`Directory page ${pageIndex} answered ${response.status}`)
  // No schema on purpose: this is the floor the app's validated path is compared with.
  const answer = (await response.json()) as { Page?: unknown; PageCount?: unknown }
  if (!Array.isArray(answer.Page) || typeof answer.PageCount !== 'number') {
    throw new BenchError(`Directory page ${pageIndex} has no Page list or PageCount`)
  }
  return { items: answer.Page, pageCount: answer.PageCount }
}

/**
 * One strict transaction: clear, then each page's puts, waiting for a page's last put
 * before the next page (a little faster than queuing every put at once, so the stronger
 * floor).
 */
async function putPagesInOneTransaction(db: IDBDatabase, pages: unknown[][]): Promise<void> {
  const transaction = db.transaction('people', 'readwrite', { durability: 'strict' })
  const committed = new Promise<void>((resolve, reject) => {
    transaction.oncomplete = () => resolve()
    const failed = (): void =>
      reject(
        new BenchError(`The people did not commit: ${transaction.error?.message ?? 'aborted'}`)
      )
    transaction.onerror = failed
    transaction.onabort = failed
  })
  const store = transaction.objectStore('people')
  store.clear()
  for (const page of pages) {
    let last: IDBRequest<IDBValidKey> | undefined
    for (const person of page) last = store.put(person)
    if (last) await requestDone(last, 'Putting a page of people')
  }
  await committed
}
