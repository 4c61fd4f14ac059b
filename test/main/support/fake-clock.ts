import type { DeliveryClock } from '$main/delivery-scheduler'

/** A clock whose time moves only when the test says, with timers that fire as it moves. */
export interface FakeClock extends DeliveryClock {
  advance(ms: number): void
  /**
   * Sets the wall clock back (it was ahead) without firing anything: timers, as real ones,
   * still fire after their delay in elapsed time, not at the wall-clock time they aimed for.
   */
  setBack(ms: number): void
  pendingTimers(): number
}

export function createFakeClock(start = Date.UTC(2025, 2, 14, 9, 0, 0)): FakeClock {
  let time = start
  let nextHandle = 1
  const timers = new Map<number, { at: number; callback: () => void }>()
  return {
    now: () => time,
    setTimeout(callback, delayMs) {
      const handle = nextHandle++
      timers.set(handle, { at: time + Math.max(0, delayMs), callback })
      return handle
    },
    clearTimeout(handle) {
      timers.delete(handle as number)
    },
    advance(ms) {
      const until = time + ms
      for (;;) {
        let earliest: [number, { at: number; callback: () => void }] | undefined
        for (const entry of timers) {
          if (entry[1].at <= until && (!earliest || entry[1].at < earliest[1].at)) earliest = entry
        }
        if (!earliest) break
        timers.delete(earliest[0])
        time = earliest[1].at
        earliest[1].callback()
      }
      time = until
    },
    setBack(ms) {
      time -= ms
      for (const timer of timers.values()) timer.at -= ms
    },
    pendingTimers: () => timers.size
  }
}
