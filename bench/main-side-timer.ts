import type { DeskServices } from '../test/harness/desk-services'

export interface MainSideTimes {
  /** In scheduler.sendBatch: the client's checks and the HTTP requests, 4 at a time. */
  sendBatchMs: number
  sendBatches: number
  /** In lookups.people: one HTTP request, JSON and the adapter's zod parse. */
  peopleMs: number
  peoplePages: number
}

/**
 * A stopwatch on the main process's side of the bridge, so a page-side time can be split
 * into main-process work and the bridge itself. The bridge handlers look their services up
 * at each call, so wrapping the methods in place is seen by them; nothing else changes.
 */
export function timeMainSide(services: DeskServices): { take(): MainSideTimes } {
  let times = empty()
  const { scheduler, lookups } = services
  const sendBatch = scheduler.sendBatch.bind(scheduler)
  scheduler.sendBatch = async (batch, senderId) => {
    const started = performance.now()
    try {
      return await sendBatch(batch, senderId)
    } finally {
      times.sendBatchMs += performance.now() - started
      times.sendBatches++
    }
  }
  const people = lookups.people.bind(lookups)
  lookups.people = async (credentials, page, pageSize) => {
    const started = performance.now()
    try {
      return await people(credentials, page, pageSize)
    } finally {
      times.peopleMs += performance.now() - started
      times.peoplePages++
    }
  }
  return {
    take() {
      const taken = times
      times = empty()
      return taken
    }
  }
}

function empty(): MainSideTimes {
  return { sendBatchMs: 0, sendBatches: 0, peopleMs: 0, peoplePages: 0 }
}
