import { BenchError } from '../../bench-error'

/**
 * IndexedDB without Dexie: the baselines of the save and directory benchmarks, i.e. the
 * least work the browser must do for the same writes.
 */
export function requestDone<T>(request: IDBRequest<T>, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () =>
      reject(new BenchError(`${what} failed: ${request.error?.message ?? 'no reason given'}`))
  })
}

export async function openRawDatabase(
  name: string,
  upgrade: (db: IDBDatabase) => void
): Promise<IDBDatabase> {
  const request = indexedDB.open(name, 1)
  request.onupgradeneeded = () => upgrade(request.result)
  return requestDone(request, `Opening the database ${name}`)
}

export async function deleteRawDatabase(name: string): Promise<void> {
  await requestDone(indexedDB.deleteDatabase(name), `Deleting the database ${name}`)
}

/** Runs `work` in one read-write transaction; resolves once it has committed. */
export function writeTransaction(
  db: IDBDatabase,
  store: string,
  durability: IDBTransactionDurability,
  work: (objectStore: IDBObjectStore) => void
): Promise<void> {
  return new Promise((resolve, reject) => {
    const transaction = db.transaction(store, 'readwrite', { durability })
    const failed = (): void =>
      reject(
        new BenchError(
          `A write to ${store} did not commit: ${transaction.error?.message ?? 'aborted'}`
        )
      )
    transaction.oncomplete = () => resolve()
    transaction.onerror = failed
    transaction.onabort = failed
    work(transaction.objectStore(store))
  })
}
