import { DeskPage } from './desk-page'

/**
 * Everything the page's origin keeps or shows, dumped as text for a test to search: the
 * DOM with the values of its form fields, every IndexedDB database and store, and web
 * storage. Raw APIs, no Dexie: the page's bundle is the app's, not the test's.
 */
export class PageStorage extends DeskPage {
  /** The document's markup, which holds attributes but not what was typed into fields. */
  outerHtml(): Promise<string> {
    return this.page.evaluate(
      () => (globalThis as unknown as PageDom).document.documentElement.outerHTML
    )
  }

  /** The current value of every input, text area and select, which outerHTML leaves out. */
  fieldValues(): Promise<string[]> {
    return this.page.evaluate(() =>
      Array.from(
        (globalThis as unknown as PageDom).document.querySelectorAll('input, textarea, select')
      ).map((field) => field.value)
    )
  }

  /** Every record (keys and values) of every store of every database, as JSON. */
  dumpIndexedDb(): Promise<string> {
    return this.page.evaluate(async () => {
      const factory = (globalThis as unknown as { indexedDB: IdbFactory }).indexedDB
      const dump: Record<string, Record<string, { keys: unknown[]; values: unknown[] }>> = {}
      for (const { name } of await factory.databases()) {
        if (name === undefined) continue
        const database = await new Promise<IdbDatabase>((resolve, reject) => {
          const opening = factory.open(name)
          opening.onsuccess = () => resolve(opening.result)
          opening.onerror = () => reject(opening.error)
        })
        const stores: Record<string, { keys: unknown[]; values: unknown[] }> = {}
        for (const storeName of Array.from(database.objectStoreNames)) {
          const store = database.transaction(storeName).objectStore(storeName)
          const [keys, values] = await Promise.all(
            [store.getAllKeys(), store.getAll()].map(
              (request) =>
                new Promise<unknown[]>((resolve, reject) => {
                  request.onsuccess = () => resolve(request.result)
                  request.onerror = () => reject(request.error)
                })
            )
          )
          stores[storeName] = { keys: keys ?? [], values: values ?? [] }
        }
        database.close()
        dump[name] = stores
      }
      return JSON.stringify(dump)
    })
  }

  /** localStorage and sessionStorage, every key and value, as JSON. */
  dumpWebStorage(): Promise<string> {
    return this.page.evaluate(() => {
      const scope = globalThis as unknown as {
        localStorage: WebStorage
        sessionStorage: WebStorage
      }
      return JSON.stringify(
        [scope.localStorage, scope.sessionStorage].map((storage) =>
          Array.from({ length: storage.length }, (_, index) => {
            const key = storage.key(index) ?? ''
            return [key, storage.getItem(key)]
          })
        )
      )
    })
  }
}

/** The little of the DOM and storage these helpers use (the Node project has no DOM types). */
interface PageDom {
  document: {
    documentElement: { outerHTML: string }
    querySelectorAll(selectors: string): ArrayLike<{ value: string }>
  }
}

interface WebStorage {
  length: number
  key(index: number): string | null
  getItem(key: string): string | null
}

interface IdbRequest<T> {
  result: T
  error: unknown
  onsuccess: (() => void) | null
  onerror: (() => void) | null
}

interface IdbDatabase {
  objectStoreNames: ArrayLike<string>
  transaction(store: string): {
    objectStore(name: string): {
      getAll(): IdbRequest<unknown[]>
      getAllKeys(): IdbRequest<unknown[]>
    }
  }
  close(): void
}

interface IdbFactory {
  databases(): Promise<Array<{ name?: string }>>
  open(name: string): IdbRequest<IdbDatabase>
}
