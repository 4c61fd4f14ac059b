import * as z from 'zod'
import { BenchError } from '../bench-error'
import type { DeskSession } from '../desk-session'
import { repeat } from '../measure'
import { drainResultSchema, type DrainResult } from '../contract/desk-bench-api'
import { replayResultSchema } from '../contract/peer-bench-api'
import type { PeerSession } from '../peer-session'
import { rawPostLoop } from '../raw-post-loop'
import { durableRawLoop } from '../durable-raw-loop'
import { DEFAULT_BATCH_SIZE } from '../../src/shared/outbox/delivery-loop'

export const PRACTICE_AUTHORIZATION = `Basic ${Buffer.from('jadams:password231').toString('base64')}`
const CONCURRENCY = 4

export interface DrainRounds {
  ours: Array<DrainResult & { mainSendMs: number }>
  raw: Array<{ items: number; ms: number }>
  /** Empty unless asked for (withDurableRaw). */
  durableRaw: Array<{ items: number; ms: number }>
  /** Empty unless asked for (withPeer). */
  peer: Array<{ items: number; ms: number }>
}

let queues = 0

/**
 * Rounds of the ways to deliver the same queued change requests: the app's drain, the raw
 * POST loop, the durable raw loop and the workbox peer (the last two when asked), in a
 * rotating order so each meets the machine's
 * noise in every position. The site is reset before each (clearing its log and setting the
 * latency again) and must hold exactly the items sent afterwards.
 */
export async function drainRounds(options: {
  session: DeskSession
  peer: PeerSession
  items: number
  peerItems: number
  latencyMs: number
  rounds: number
  budgetMs: number
  /** The app's drain stops sending after this long (see drain.ts). */
  deadlineMs: number
  withDurableRaw: boolean
  withPeer: boolean
}): Promise<DrainRounds> {
  const { session, peer } = options
  const results: DrainRounds = { ours: [], raw: [], durableRaw: [], peer: [] }
  const durableRawRun = async (): Promise<void> => {
    await resetSite(options)
    const ms = await durableRawLoop({
      session,
      baseUrl: session.desk.sim.appBaseUrl,
      authorization: PRACTICE_AUTHORIZATION,
      items: options.items,
      concurrency: CONCURRENCY,
      batchSize: DEFAULT_BATCH_SIZE,
      keyPrefix: `durable-raw-${Date.now()}`
    })
    await expectRecorded(options, options.items, 'the durable raw loop')
    results.durableRaw.push({ items: options.items, ms })
  }
  const peerRun = async (): Promise<void> => {
    const queue = `peer-${++queues}`
    await peer.call(
      'fillQueue',
      { queue, items: options.peerItems, authorization: PRACTICE_AUTHORIZATION },
      z.undefined()
    )
    await resetSite(options)
    const { ms, left } = await peer.call('replayQueue', { queue }, replayResultSchema)
    if (left !== 0) throw new BenchError(`The workbox queue kept ${left} requests`)
    await expectRecorded(options, options.peerItems, 'the workbox peer')
    results.peer.push({ items: options.peerItems, ms })
  }
  const runs: Array<() => Promise<void>> = [
    async () => {
      await resetSite(options)
      session.mainSide.take()
      const result = await session.call(
        'drain',
        { items: options.items, deadlineMs: options.deadlineMs },
        drainResultSchema
      )
      const mainSendMs = session.mainSide.take().sendBatchMs
      if (result.sent !== options.items && !result.stoppedAtDeadline) {
        throw new BenchError(`The drain sent ${result.sent} of ${options.items} items`)
      }
      await expectRecorded(options, result.sent, 'the app')
      results.ours.push({ ...result, mainSendMs })
    },
    async () => {
      await resetSite(options)
      const ms = await rawPostLoop({
        baseUrl: session.desk.sim.appBaseUrl,
        authorization: PRACTICE_AUTHORIZATION,
        items: options.items,
        concurrency: CONCURRENCY,
        keyPrefix: `raw-${Date.now()}`
      })
      await expectRecorded(options, options.items, 'the raw loop')
      results.raw.push({ items: options.items, ms })
    },
    ...(options.withDurableRaw ? [durableRawRun] : []),
    ...(options.withPeer ? [peerRun] : [])
  ]
  await repeat({ rounds: options.rounds, budgetMs: options.budgetMs }, async (round) => {
    for (let turn = 0; turn < runs.length; turn++) await runs[(round + turn) % runs.length]!()
  })
  return results
}

async function resetSite(options: { session: DeskSession; latencyMs: number }): Promise<void> {
  const { sim } = options.session.desk
  const answer = await fetch(`${sim.url}/_sim/reset`, { method: 'POST' })
  await answer.text()
  if (!answer.ok) throw new BenchError(`Resetting the practice site answered ${answer.status}`)
  if (options.latencyMs > 0) await sim.setFaults({ latencyMs: options.latencyMs })
}

async function expectRecorded(
  options: { session: DeskSession },
  items: number,
  who: string
): Promise<void> {
  const recorded = (await options.session.desk.sim.changeRequests()).length
  if (recorded !== items) {
    throw new BenchError(
      `The practice site recorded ${recorded} change requests from ${who}, not ${items}`
    )
  }
}
