import type { Page } from 'playwright'

/**
 * Raw IndexedDB in the page, apart from the app's own databases: markers a test writes
 * before a relaunch or a crash and reads after. Plain callbacks, no Dexie: the page's
 * bundle is the app's, not the test's.
 */

/**
 * Writes a marker (key and value) into a database of its own, with strict durability, so
 * only a commit on disk counts: what a relaunch or crash test checks survived.
 */
export async function putMarker(page: Page, databaseName: string, marker: string): Promise<void> {
  await page.evaluate(
    ([name, text]) =>
      new Promise<void>((resolve, reject) => {
        const opening = (globalThis as unknown as { indexedDB: IdbFactory }).indexedDB.open(name, 1)
        opening.onupgradeneeded = () => opening.result.createObjectStore('notes')
        opening.onerror = () => reject(opening.error)
        opening.onsuccess = () => {
          const database = opening.result
          const writing = database.transaction('notes', 'readwrite', { durability: 'strict' })
          writing.objectStore('notes').put(text, text)
          writing.oncomplete = () => {
            database.close()
            resolve()
          }
          writing.onerror = () => reject(writing.error)
        }
      }),
    [databaseName, marker] as const
  )
}

export async function readMarkers(page: Page, databaseName: string): Promise<string[]> {
  return page.evaluate(
    (name) =>
      new Promise<string[]>((resolve, reject) => {
        const opening = (globalThis as unknown as { indexedDB: IdbFactory }).indexedDB.open(name, 1)
        opening.onupgradeneeded = () => opening.result.createObjectStore('notes')
        opening.onerror = () => reject(opening.error)
        opening.onsuccess = () => {
          const database = opening.result
          const reading = database.transaction('notes').objectStore('notes').getAllKeys()
          reading.onsuccess = () => {
            database.close()
            resolve(reading.result.map(String))
          }
          reading.onerror = () => reject(reading.error)
        }
      }),
    databaseName
  )
}

/** The little of IndexedDB these helpers use (the Node project has no DOM types). */
interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}
interface IdbDatabase {
  createObjectStore(name: string): unknown
  transaction(
    store: string,
    mode?: 'readwrite',
    options?: { durability: 'strict' }
  ): {
    objectStore(name: string): {
      put(value: unknown, key: string): unknown
      getAllKeys(): IdbRequest<unknown[]>
    }
    oncomplete: (() => void) | null
    onerror: (() => void) | null
    error: unknown
  }
  close(): void
}
interface IdbFactory {
  open(
    name: string,
    version: number
  ): IdbRequest<IdbDatabase> & {
    onupgradeneeded: (() => void) | null
  }
}
