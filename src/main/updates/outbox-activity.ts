import type { DeliveryService } from '../service-contracts'

export interface OutboxActivity<T extends DeliveryService> {
  /** The delivery service to hand the bridge: the same one, watched. */
  service: T
  /** A batch is out, or came back and the page has not yet written its answers. */
  busy(): boolean
  /** Resolves true once not busy, or false after timeoutMs. */
  whenIdle(timeoutMs: number): Promise<boolean>
}

/**
 * Watches the delivery service for batches in flight. The page writes a batch's answers
 * and then reports its outbox (the drain's report, not a capture's), so "idle" means no
 * batch out and such a report since the last one came back: only then may the app restart
 * without leaving an item *sending*.
 */
export function watchOutboxActivity<T extends DeliveryService>(delivery: T): OutboxActivity<T> {
  let batchesOut = 0
  let awaitingReport = false
  let waiters: Array<() => void> = []

  const busy = (): boolean => batchesOut > 0 || awaitingReport

  function settle(): void {
    if (busy()) return
    const ready = waiters
    waiters = []
    for (const wake of ready) wake()
  }

  const service: T = {
    ...delivery,
    async sendBatch(...args: Parameters<DeliveryService['sendBatch']>) {
      batchesOut++
      try {
        return await delivery.sendBatch(...args)
      } finally {
        batchesOut--
        awaitingReport = true
      }
    },
    report(...args: Parameters<DeliveryService['report']>) {
      delivery.report(...args)
      const [report] = args
      if (batchesOut === 0 && !report.captured) awaitingReport = false
      settle()
    }
  }

  return {
    service,
    busy,
    whenIdle(timeoutMs) {
      if (!busy()) return Promise.resolve(true)
      return new Promise((resolve) => {
        const done = (): void => {
          clearTimeout(timer)
          resolve(true)
        }
        const timer = setTimeout(() => {
          waiters = waiters.filter((waiter) => waiter !== done)
          resolve(false)
        }, timeoutMs)
        waiters.push(done)
      })
    }
  }
}
