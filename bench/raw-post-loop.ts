import { Pool } from 'undici'
import { BenchError } from './bench-error'
import { benchChangeRequest } from './contract/bench-items'

/**
 * The drain's limit: keep-alive POSTs of the same change requests straight from Node, at
 * the scheduler's concurrency, with nothing stored and nothing checked but the status.
 * Returns the milliseconds the whole loop took.
 */
export async function rawPostLoop(options: {
  /** Where the app reaches the site (the harness's network gate): the same path on the wire. */
  baseUrl: string
  authorization: string
  items: number
  concurrency: number
  keyPrefix: string
  /** Called as each answer has come back (the durable raw loop writes them in batches). */
  onAnswered?: () => void
}): Promise<number> {
  const base = new URL(options.baseUrl)
  const pool = new Pool(base.origin, { connections: options.concurrency })
  const path = `${base.pathname.replace(/\/$/, '')}/12345/connections`
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < options.items) {
      const index = next++
      const answer = await pool.request({
        method: 'POST',
        path,
        headers: {
          accept: 'application/json',
          authorization: options.authorization,
          'content-type': 'application/json; charset=utf-8',
          'idempotency-key': `${options.keyPrefix}-${index}`
        },
        body: JSON.stringify(benchChangeRequest(index))
      })
      await answer.body.text()
      if (answer.statusCode !== 200) {
        throw new BenchError(`The practice site answered ${answer.statusCode} to the raw loop`)
      }
      options.onAnswered?.()
    }
  }
  try {
    const started = performance.now()
    await Promise.all(Array.from({ length: options.concurrency }, worker))
    return performance.now() - started
  } finally {
    await pool.close()
  }
}
