import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { rateSummary, summarize, type Summary } from '../measure'
import type { MetricRow } from '../metric-row'
import { DEFAULT_BATCH_SIZE } from '../../src/shared/outbox/delivery-loop'
import { drainWriteFloorSchema, type DrainResult } from '../contract/desk-bench-api'
import type { PeerSession } from '../peer-session'
import { drainRounds } from './drain-rounds'

const MIN_RAW_RATIO = 0.7
const MIN_PEER_RATIO = 5
const MIN_PEER_RATIO_WITH_LATENCY = 3.5
const LATENCY_MS = 50

/**
 * Delivery throughput: the app's drain (outbox, bridge, scheduler, client, site) against a
 * raw POST loop and against workbox-background-sync, first on a quiet loopback site, then
 * with 50 ms of latency on every request.
 */
export async function drainSuite(
  session: DeskSession,
  peer: PeerSession,
  config: BenchConfig
): Promise<MetricRow[]> {
  const fast = await drainRounds({
    session,
    peer,
    items: config.drainItems,
    peerItems: config.peerItems,
    latencyMs: 0,
    rounds: config.drainRounds,
    budgetMs: config.roundBudgetMs,
    deadlineMs: config.drainDeadlineMs
  })
  const slow = await drainRounds({
    session,
    peer,
    items: config.latencyItems,
    peerItems: config.peerLatencyItems,
    latencyMs: LATENCY_MS,
    rounds: config.latencyRounds,
    budgetMs: config.roundBudgetMs,
    deadlineMs: config.drainDeadlineMs
  })

  const floor = await session.call(
    'drainWriteFloor',
    { items: config.drainItems, batchSize: DEFAULT_BATCH_SIZE },
    drainWriteFloorSchema
  )

  const sentRounds = (results: readonly DrainResult[]): Array<{ items: number; ms: number }> =>
    results.map((result) => ({ items: result.sent, ms: result.ms }))
  const ours = rateSummary(sentRounds(fast.ours))
  const raw = rateSummary(fast.raw)
  const workbox = rateSummary(fast.peer)
  const oursSlow = rateSummary(sentRounds(slow.ours))
  const rawSlow = rateSummary(slow.raw)
  const workboxSlow = rateSummary(slow.peer)
  const rawName = 'raw keep-alive POST loop (undici Pool, concurrency 4)'
  const peerName = 'workbox-background-sync Queue.replayRequests()'
  const fastRows = `${config.drainItems.toLocaleString('en')} items`
  const slowRows = `${config.latencyItems.toLocaleString('en')} items, ${LATENCY_MS} ms latency`

  return [
    rateRow('drain', `drain, ${fastRows}`, ours, { name: rawName, value: raw }, MIN_RAW_RATIO, {
      breakdown: medianBreakdown(fast.ours)
    }),
    rateRow(
      'drain-write-floor',
      `raw IndexedDB writes of a drain, ${fastRows}, answers only (no network)`,
      rateSummary([{ items: config.drainItems, ms: floor.answersOnlyMs }]),
      { name: rawName, value: raw },
      null,
      {
        lockAndAnswerItemsPerSecond: Math.round((config.drainItems / floor.lockAndAnswerMs) * 1000),
        why: 'the least disk work of a drain that records every answer durably'
      }
    ),
    rateRow(
      'drain-vs-peer',
      `drain vs peer, ${fastRows}`,
      ours,
      { name: peerName, value: workbox },
      MIN_PEER_RATIO,
      {
        peerItems: config.peerItems
      }
    ),
    rateRow(
      'drain-latency-vs-raw',
      `drain, ${slowRows}`,
      oursSlow,
      { name: rawName, value: rawSlow },
      null,
      {
        breakdown: medianBreakdown(slow.ours)
      }
    ),
    rateRow(
      'drain-latency-vs-peer',
      `drain vs peer, ${slowRows}`,
      oursSlow,
      { name: peerName, value: workboxSlow },
      MIN_PEER_RATIO_WITH_LATENCY,
      {
        peerItems: config.peerLatencyItems
      }
    )
  ]
}

function rateRow(
  id: string,
  name: string,
  value: Summary,
  baseline: { name: string; value: Summary },
  minRatio: number | null,
  details: Record<string, unknown>
): MetricRow {
  const ratio = value.median / baseline.value.median
  return {
    id,
    name,
    unit: 'items/s',
    value,
    baseline,
    ratio: { value: ratio, of: 'p50 rate / baseline p50 rate' },
    target: minRatio === null ? '(no target: for reference)' : `>= ${minRatio}x baseline items/s`,
    met: minRatio === null ? null : ratio >= minRatio,
    details
  }
}

/**
 * Where the median round's time went. sendMs splits into the main process's sendBatch
 * (client checks and HTTP) and the bridge (zod on both sides and the harness's transport,
 * which stands in for Electron's IPC).
 */
function medianBreakdown(
  results: ReadonlyArray<DrainResult & { mainSendMs: number }>
): Record<string, number> {
  const median = (pick: (result: DrainResult & { mainSendMs: number }) => number): number =>
    Math.round(summarize(results.map(pick)).median)
  return {
    totalMs: median((result) => result.ms),
    sendMs: median((result) => result.breakdown.sendMs),
    mainSendBatchMs: median((result) => result.mainSendMs),
    bridgeMs: median((result) => result.breakdown.sendMs - result.mainSendMs),
    listUnsentMs: median((result) => result.breakdown.listUnsentMs),
    writesMs: median((result) => result.breakdown.writesMs),
    otherMs: median((result) => result.breakdown.otherMs),
    batches: median((result) => result.batches),
    sent: median((result) => result.sent),
    roundsStoppedAtDeadline: results.filter((result) => result.stoppedAtDeadline).length
  }
}
