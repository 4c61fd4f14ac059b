import type { CDPSession, Page } from 'playwright'
import { HarnessError } from './harness-error'

/**
 * Makes the app's IndexedDB really run out of room, through the DevTools protocol
 * (`Storage.overrideQuotaForOrigin`). Chromium checks an IndexedDB write against a cached
 * "space remaining", read from the quota manager and decaying to nothing over 30 s, so a
 * new quota is felt only once that cache is spent. `fill` writes into a scratch database
 * of the origin until a write is refused; from then on every write is checked against the
 * quota of the moment. After `leaveRoom` the cache is small, and `fill` takes one write.
 */
export interface StorageQuota {
  /** Sets the quota to 1 byte and waits (about 30 s at most) until IndexedDB refuses writes. */
  fill(): Promise<void>
  /**
   * After a `fill`: leaves about `bytes` of room above what the origin uses, so writes go
   * through again (more when the usage Chromium reports lags behind a write).
   */
  leaveRoom(bytes: number): Promise<void>
  /** The real quota again. */
  restore(): Promise<void>
}

const SCRATCH_DATABASE = 'harness-disk-filler'
/** Under IndexedDB's threshold for keeping a value as a blob: each counts in full. */
const FILLER_RECORD_BYTES = 50_000
/** While the cache still holds the real quota's gigabytes, small writes wait out its age. */
const PROBE_BYTES = 1_000
const POLL_MS = 250
const FULL_DEADLINE_MS = 45_000

export async function storageQuota(page: Page, origin: string): Promise<StorageQuota> {
  const cdp: CDPSession = await page.context().newCDPSession(page)

  async function setQuota(quotaSize?: number): Promise<void> {
    await cdp.send('Storage.overrideQuotaForOrigin', {
      origin,
      ...(quotaSize === undefined ? {} : { quotaSize })
    })
  }

  /** The room the last `leaveRoom` gave: a write twice that size spends the cache at once. */
  let room: number | undefined

  return {
    async fill() {
      await setQuota(1)
      if (room !== undefined) {
        const records = Math.ceil((2 * room) / FILLER_RECORD_BYTES)
        if ((await write(page, records, FILLER_RECORD_BYTES)) === 'refused') return
      }
      const deadline = Date.now() + FULL_DEADLINE_MS
      while ((await write(page, 1, PROBE_BYTES)) === 'written') {
        if (Date.now() > deadline) {
          throw new HarnessError('IndexedDB still accepted writes 45 s after the quota was cut')
        }
        await new Promise((resolve) => setTimeout(resolve, POLL_MS))
      }
    },
    async leaveRoom(bytes) {
      const { usage } = await cdp.send('Storage.getUsageAndQuota', { origin })
      for (room = bytes; ; room *= 2) {
        await setQuota(Math.ceil(usage) + room)
        if ((await write(page, 1, PROBE_BYTES)) === 'written') return
        if (room >= 64 * bytes) {
          throw new HarnessError(`IndexedDB refused writes with ${room} bytes of room left`)
        }
      }
    },
    async restore() {
      await setQuota()
    }
  }
}

/** One transaction of `records` strings of `bytes` into the scratch database. */
function write(page: Page, records: number, bytes: number): Promise<'written' | 'refused'> {
  return page.evaluate(
    ([name, count, size]) =>
      new Promise<'written' | 'refused'>((resolve, reject) => {
        const open = (globalThis as unknown as ScratchGlobals).indexedDB.open(name, 1)
        open.onupgradeneeded = () => open.result.createObjectStore('filler')
        open.onerror = () => reject(new Error(`The scratch database did not open: ${open.error}`))
        open.onsuccess = () => {
          const database = open.result
          const transaction = database.transaction('filler', 'readwrite')
          const chunk = 'x'.repeat(size)
          for (let index = 0; index < count; index++) {
            transaction.objectStore('filler').put(chunk, `${Date.now()}-${index}`)
          }
          transaction.oncomplete = () => {
            database.close()
            resolve('written')
          }
          transaction.onabort = () => {
            database.close()
            if (transaction.error?.name === 'QuotaExceededError') resolve('refused')
            else reject(new Error(`The filler write failed: ${transaction.error?.name}`))
          }
        }
      }),
    [SCRATCH_DATABASE, records, bytes] as const
  )
}

/** What the page script uses of IndexedDB (the Node project has no DOM types). */
interface ScratchGlobals {
  indexedDB: {
    open(
      name: string,
      version: number
    ): {
      result: ScratchDatabase
      error: unknown
      onupgradeneeded: (() => void) | null
      onsuccess: (() => void) | null
      onerror: (() => void) | null
    }
  }
}

interface ScratchDatabase {
  createObjectStore(name: string): unknown
  close(): void
  transaction(
    store: string,
    mode: 'readwrite'
  ): {
    objectStore(name: string): { put(value: unknown, key: string): unknown }
    error: { name: string } | null
    oncomplete: (() => void) | null
    onabort: (() => void) | null
  }
}
