import type { Page } from 'playwright'
import * as z from 'zod'
import type { BenchDesk } from './bench-desk'
import { PEER_BENCH_PATH } from './build-bench-pages'
import { PEER_BENCH_GLOBAL, type PeerBenchApi } from './contract/peer-bench-api'
import { callPage } from './page-call'

export interface PeerSession {
  page: Page
  call<S extends z.ZodType>(
    name: keyof PeerBenchApi,
    args: unknown,
    schema: S
  ): Promise<z.output<S>>
  close(): Promise<void>
}

/**
 * The peer page in a second tab of the bench desk's browser: the same Chromium, profile and
 * disk as the app, on the same origin, with the practice site's API relayed to it and
 * workbox's queue in its service worker.
 */
export async function openPeerSession(desk: BenchDesk): Promise<PeerSession> {
  const page = await desk.context.newPage()
  try {
    await page.goto(`${desk.appOrigin}${PEER_BENCH_PATH}`, { waitUntil: 'load' })
    await page.waitForFunction((name) => name in globalThis, PEER_BENCH_GLOBAL)
    const call: PeerSession['call'] = (name, args, schema) =>
      callPage(page, { global: PEER_BENCH_GLOBAL, name }, args, schema)
    await call('startWorker', undefined, z.undefined())
    return { page, call, close: () => page.close() }
  } catch (error) {
    await page.close()
    throw error
  }
}
