import type { DeskServices } from '../test/harness/desk-services'

export interface MainSideTimes {
  /** In scheduler.sendBatch: the client's checks and the HTTP requests, 4 at a time. */
  sendBatchMs: number
  sendBatches: number
  /**
   * In api.people (an HTTP request, JSON and the adapter's zod parse per page): from the
   * first page's start to the last page's end, as the pages overlap (four at a time).
   */
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
  const { scheduler, api } = services
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
  const people = api.people.bind(api)
  let firstStarted: number | undefined
  let lastEnded = 0
  api.people = async (credentials, query, page) => {
    firstStarted ??= performance.now()
    try {
      return await people(credentials, query, page)
    } finally {
      lastEnded = performance.now()
      times.peoplePages++
    }
  }
  return {
    take() {
      const taken = { ...times, peopleMs: lastEnded - (firstStarted ?? lastEnded) }
      times = empty()
      firstStarted = undefined
      lastEnded = 0
      return taken
    }
  }
}

function empty(): MainSideTimes {
  return { sendBatchMs: 0, sendBatches: 0, peopleMs: 0, peoplePages: 0 }
}
