import { BenchError } from '../../bench-error'
import {
  PEER_BENCH_GLOBAL,
  workerAnswerSchema,
  type PeerBenchApi,
  type WorkerAnswer,
  type WorkerRequest
} from '../../contract/peer-bench-api'
import { rawDirectory } from './raw-directory'

let worker: ServiceWorker | undefined

async function ask(request: WorkerRequest): Promise<Extract<WorkerAnswer, { ok: true }>> {
  if (!worker) throw new BenchError('Start the service worker before using its queue')
  const channel = new MessageChannel()
  const answered = new Promise<unknown>((resolve) => {
    channel.port1.onmessage = (event: MessageEvent<unknown>) => resolve(event.data)
  })
  worker.postMessage(request, [channel.port2])
  const parsed = workerAnswerSchema.safeParse(await answered)
  channel.port1.close()
  if (!parsed.success) throw new BenchError('The service worker answered in an unknown shape')
  if (!parsed.data.ok) throw new BenchError(`The service worker failed: ${parsed.data.message}`)
  return parsed.data
}

const api: PeerBenchApi = {
  rawDirectory,
  async startWorker() {
    // Scoped to the peer's folder, so it never controls the app's pages.
    await navigator.serviceWorker.register('./peer-sw.js', { type: 'module', scope: './' })
    const registration = await navigator.serviceWorker.ready
    if (!registration.active) throw new BenchError('The service worker did not become active')
    worker = registration.active
  },
  async fillQueue(args) {
    const { left } = await ask({ kind: 'fill', ...args })
    if (left !== args.items) {
      throw new BenchError(`The queue holds ${left} requests after queuing ${args.items}`)
    }
  },
  async replayQueue(args) {
    const { ms, left } = await ask({ kind: 'replay', ...args })
    return { ms, left }
  }
}

Object.defineProperty(globalThis, PEER_BENCH_GLOBAL, { value: Object.freeze(api) })
