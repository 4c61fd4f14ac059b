/** The timer half of DeliveryClock (delivery-scheduler.ts). */
export interface TimerClock {
  setTimeout(callback: () => void, delayMs: number): unknown
  clearTimeout(handle: unknown): void
}

export interface IdleSignal {
  /** Resolves true at the next `notify()`, or false when `timeoutMs` runs out first. */
  wait(timeoutMs: number): Promise<boolean>
  /** Delivery is idle: every wait resolves true. */
  notify(): void
}

/** Waits for delivery to become idle, each with a deadline of its own (a quit is bounded). */
export function createIdleSignal(clock: TimerClock): IdleSignal {
  const waiters = new Set<() => void>()
  return {
    wait(timeoutMs) {
      return new Promise<boolean>((resolve) => {
        const finish = (idle: boolean): void => {
          waiters.delete(onIdle)
          clock.clearTimeout(timer)
          resolve(idle)
        }
        const onIdle = (): void => finish(true)
        waiters.add(onIdle)
        const timer = clock.setTimeout(() => finish(false), timeoutMs)
      })
    },
    notify() {
      for (const waiter of [...waiters]) waiter()
    }
  }
}
