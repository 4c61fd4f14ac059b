import * as z from 'zod'
import type { DeskSession } from './desk-session'
import { rawPostLoop } from './raw-post-loop'

/**
 * The drain's fair limit: the raw POST loop (raw-post-loop.ts) at the same concurrency,
 * which also writes, for every `batchSize` answers, one strict IndexedDB transaction of
 * those answer records in the page, as a durable outbox must at the least. The writes run
 * one after another while the POSTs go on; the loop ends when the last write committed.
 * Each write is one page.evaluate from here, a cost the app's drain does not pay.
 */
export async function durableRawLoop(options: {
  session: DeskSession
  baseUrl: string
  authorization: string
  items: number
  concurrency: number
  batchSize: number
  keyPrefix: string
}): Promise<number> {
  const { session } = options
  await session.call('openDurableRawStore', { items: options.items }, z.undefined())
  try {
    let answered = 0
    let written = 0
    let writes = Promise.resolve()
    const writeUpTo = (upTo: number): void => {
      const from = written
      written = upTo
      writes = writes.then(() =>
        session.call('writeDurableRawAnswers', { from, count: upTo - from }, z.undefined())
      )
    }
    const started = performance.now()
    await rawPostLoop({
      ...options,
      onAnswered: () => {
        answered++
        if (answered - written >= options.batchSize) writeUpTo(answered)
      }
    })
    if (written < answered) writeUpTo(answered)
    await writes
    return performance.now() - started
  } finally {
    await session.call('closeDurableRawStore', undefined, z.undefined())
  }
}
