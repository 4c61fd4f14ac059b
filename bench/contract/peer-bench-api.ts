import * as z from 'zod'

/**
 * What the peer page offers the Node side (as `globalThis.__peerBench`): the baselines that
 * need a plain fetch (the page is served with the practice site's API on its own origin),
 * and workbox-background-sync's Queue, which runs in the page's service worker.
 */
export const PEER_BENCH_GLOBAL = '__peerBench'

/** The API below the page's own origin, as the peer server forwards it to the site. */
export const PEER_API_PATH = '/api_accessacs_mobile/v2/12345'

export const rawDirectoryResultSchema = z.object({
  ms: z.number().positive(),
  stored: z.int().nonnegative(),
  fetchMs: z.number()
})

export const replayResultSchema = z.object({
  ms: z.number().positive(),
  /** Requests still queued afterwards: 0 unless a replay failed. */
  left: z.int().nonnegative()
})

/** Messages the page posts to the service worker, each answered on its MessagePort. */
export type WorkerRequest =
  | { kind: 'fill'; queue: string; items: number; authorization: string }
  | { kind: 'replay'; queue: string }

export const workerAnswerSchema = z.union([
  z.object({ ok: z.literal(true), ms: z.number(), left: z.int() }),
  z.object({ ok: z.literal(false), message: z.string() })
])
export type WorkerAnswer = z.infer<typeof workerAnswerSchema>

export interface PeerBenchApi {
  rawDirectory(args: {
    people: number
    pageSize: number
    concurrency: number
    authorization: string
  }): Promise<z.infer<typeof rawDirectoryResultSchema>>
  /** Registers the service worker and waits until it controls nothing but is active. */
  startWorker(): Promise<void>
  /** Queues `items` change requests in a new workbox Queue (not timed). */
  fillQueue(args: { queue: string; items: number; authorization: string }): Promise<void>
  /** queue.replayRequests(), timed inside the worker. */
  replayQueue(args: { queue: string }): Promise<z.infer<typeof replayResultSchema>>
}
