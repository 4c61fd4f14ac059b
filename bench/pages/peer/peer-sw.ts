import { Queue } from 'workbox-background-sync'
import { BENCH_USER, benchChangeRequest } from '../../contract/bench-items'
import { PEER_API_PATH, type WorkerAnswer, type WorkerRequest } from '../../contract/peer-bench-api'

/**
 * The peer: workbox-background-sync's Queue, in the service worker it is written for (it
 * reads `self.registration`, which a window does not have). forceSyncFallback keeps the
 * browser's sync event from replaying while the queue is filled, and the no-op onSync
 * stops the constructor's own replay, so replayRequests() runs only when the bench asks.
 */
interface MessageEventLike {
  data: WorkerRequest
  ports: Array<{ postMessage(answer: WorkerAnswer): void }>
  waitUntil(done: Promise<unknown>): void
}

interface WorkerScope {
  addEventListener(type: 'message', listener: (event: MessageEventLike) => void): void
  addEventListener(
    type: 'install',
    listener: (event: { waitUntil(p: Promise<unknown>): void }) => void
  ): void
  skipWaiting(): Promise<void>
}

const scope = globalThis as unknown as WorkerScope
const queues = new Map<string, Queue>()

scope.addEventListener('install', (event) => event.waitUntil(scope.skipWaiting()))

scope.addEventListener('message', (event) => {
  const port = event.ports[0]
  event.waitUntil(
    answer(event.data).then(
      (result) => port?.postMessage(result),
      (error: unknown) =>
        port?.postMessage({
          ok: false,
          message: error instanceof Error ? error.message : String(error)
        })
    )
  )
})

async function answer(request: WorkerRequest): Promise<WorkerAnswer> {
  if (request.kind === 'fill') {
    const queue = new Queue(request.queue, { forceSyncFallback: true, onSync: () => {} })
    queues.set(request.queue, queue)
    for (let index = 0; index < request.items; index++) {
      await queue.pushRequest({ request: changeRequest(index, request.authorization) })
    }
    return { ok: true, ms: 0, left: await queue.size() }
  }
  const queue = queues.get(request.queue)
  if (!queue) return { ok: false, message: `No queue named ${request.queue} was filled` }
  const started = performance.now()
  await queue.replayRequests()
  const ms = performance.now() - started
  return { ok: true, ms, left: await queue.size() }
}

function changeRequest(index: number, authorization: string): Request {
  return new Request(`${PEER_API_PATH}/connections`, {
    method: 'POST',
    headers: {
      Accept: 'application/json',
      Authorization: authorization,
      'Content-Type': 'application/json; charset=utf-8',
      'Idempotency-Key': `${BENCH_USER}-peer-${crypto.randomUUID()}`
    },
    body: JSON.stringify(benchChangeRequest(index))
  })
}
