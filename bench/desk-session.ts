import type { CDPSession, Page } from 'playwright'
import * as z from 'zod'
import { launchBenchDesk, type BenchDesk } from './bench-desk'
import { DESK_BENCH_PATH } from './build-bench-pages'
import { timeMainSide, type MainSideTimes } from './main-side-timer'
import { callPage, parseOutside } from './page-call'
import { DESK_BENCH_GLOBAL, signInResultSchema, type DeskBenchApi } from './contract/desk-bench-api'

export interface DeskSession {
  desk: BenchDesk
  page: Page
  /** A DevTools session on the bench page: heap metrics, garbage collection. */
  cdp: CDPSession
  siteKey: string
  /** The main process's share of the bridge calls since the last take(). */
  mainSide: { take(): MainSideTimes }
  call<S extends z.ZodType>(
    name: keyof DeskBenchApi,
    args: unknown,
    schema: S
  ): Promise<z.output<S>>
  /** Chromium's product string, e.g. "Chrome/156.0.8078.108". */
  browserVersion(): Promise<string>
  /**
   * What the page's isolate holds after a full garbage collection, in bytes: the JS heap
   * plus array-buffer backing stores (typed arrays live outside the heap proper).
   */
  heapUsedAfterGc(): Promise<number>
  close(): Promise<void>
}

const heapUsageSchema = z.object({ usedSize: z.number(), backingStorageSize: z.number() })

/**
 * The app without Electron (bench-desk.ts: the real bridge handlers, scheduler, API client
 * and practice site), with the desk bench page open on the app's origin and signed in to
 * the practice site.
 */
export async function openDeskSession(options: {
  rendererDir: string
  people: number
}): Promise<DeskSession> {
  const desk = await launchBenchDesk(options)
  try {
    const page = desk.page
    await page.goto(`${desk.appOrigin}${DESK_BENCH_PATH}`, { waitUntil: 'load' })
    await page.waitForFunction((name) => name in globalThis, DESK_BENCH_GLOBAL)
    const call: DeskSession['call'] = (name, args, schema) =>
      callPage(page, { global: DESK_BENCH_GLOBAL, name }, args, schema)
    const { siteKey } = await call('signIn', undefined, signInResultSchema)
    const mainSide = timeMainSide(desk.services)
    const cdp = await desk.context.newCDPSession(page)
    return {
      desk,
      page,
      cdp,
      siteKey,
      mainSide,
      call,
      async browserVersion() {
        const version = parseOutside(
          z.object({ product: z.string() }),
          await cdp.send('Browser.getVersion'),
          "Chromium's version"
        )
        return version.product
      },
      async heapUsedAfterGc() {
        // Twice: the first collection may leave garbage that finalizers freed only then.
        await cdp.send('HeapProfiler.collectGarbage')
        await cdp.send('HeapProfiler.collectGarbage')
        const usage = parseOutside(
          heapUsageSchema,
          await cdp.send('Runtime.getHeapUsage'),
          "Chromium's heap usage"
        )
        return usage.usedSize + usage.backingStorageSize
      },
      close: () => desk.close()
    }
  } catch (error) {
    await desk.close()
    throw error
  }
}
