import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { rateSummary, summarize, type Summary } from '../measure'
import type { MetricRow } from '../metric-row'
import { DEFAULT_BATCH_SIZE } from '../../src/shared/outbox/delivery-loop'
import { drainWriteFloorSchema, type DrainResult } from '../contract/desk-bench-api'
import type { PeerSession } from '../peer-session'
import { drainRounds } from './drain-rounds'

const MIN_DURABLE_RAW_RATIO = 0.7
const MIN_PEER_RATIO = 10
const MIN_RAW_RATIO_WITH_LATENCY = 0.9
const MIN_PEER_RATIO_WITH_LATENCY = 3.5
const LATENCY_MS = 50
const HIGH_LATENCY_MS = 200

/**
 * Delivery throughput: the app's drain (outbox, bridge, scheduler, client, site) against
 * the durable raw loop (the raw POST loop plus one strict IndexedDB transaction of answers
 * per batch), the raw POST loop and workbox-background-sync on a quiet loopback site; then
 * against the raw loop with 50 ms and with 200 ms of latency on every request (and the
 * peer at 50 ms: at 200 ms its one-at-a-time replay would take minutes).
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
    deadlineMs: config.drainDeadlineMs,
    withDurableRaw: true,
    withPeer: true
  })
  const slow = await drainRounds({
    session,
    peer,
    items: config.latencyItems,
    peerItems: config.peerLatencyItems,
    latencyMs: LATENCY_MS,
    rounds: config.latencyRounds,
    budgetMs: config.roundBudgetMs,
    deadlineMs: config.drainDeadlineMs,
    withDurableRaw: false,
    withPeer: true
  })
  const slower = await drainRounds({
    session,
    peer,
    items: config.latencyItems,
    peerItems: 0,
    latencyMs: HIGH_LATENCY_MS,
    rounds: config.latencyRounds,
    budgetMs: config.roundBudgetMs,
    deadlineMs: config.drainDeadlineMs,
    withDurableRaw: false,
    withPeer: false
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
  const durableRaw = rateSummary(fast.durableRaw)
  const workbox = rateSummary(fast.peer)
  const oursSlow = rateSummary(sentRounds(slow.ours))
  const rawSlow = rateSummary(slow.raw)
  const workboxSlow = rateSummary(slow.peer)
  const oursSlower = rateSummary(sentRounds(slower.ours))
  const rawSlower = rateSummary(slower.raw)
  const rawName = 'raw keep-alive POST loop (undici Pool, concurrency 4)'
  const durableRawName = `durable raw loop (the raw loop + one strict IndexedDB transaction per ${DEFAULT_BATCH_SIZE} answers)`
  const peerName = 'workbox-background-sync Queue.replayRequests()'
  const fastRows = `${config.drainItems.toLocaleString('en')} items`
  const slowRows = (latency: number): string =>
    `${config.latencyItems.toLocaleString('en')} items, ${latency} ms latency`

  return [
    rateRow(
      'drain',
      `drain vs durable raw loop, ${fastRows}`,
      ours,
      { name: durableRawName, value: durableRaw },
      MIN_DURABLE_RAW_RATIO,
      { breakdown: medianBreakdown(fast.ours) }
    ),
    rateRow(
      'drain-vs-raw',
      `drain vs raw POST loop, ${fastRows}`,
      ours,
      { name: rawName, value: raw },
      null,
      {
        why: 'the raw loop records nothing; kept to show what durability costs'
      }
    ),
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
      `drain vs raw POST loop, ${slowRows(LATENCY_MS)}`,
      oursSlow,
      { name: rawName, value: rawSlow },
      MIN_RAW_RATIO_WITH_LATENCY,
      { breakdown: medianBreakdown(slow.ours) }
    ),
    rateRow(
      'drain-high-latency-vs-raw',
      `drain vs raw POST loop, ${slowRows(HIGH_LATENCY_MS)}`,
      oursSlower,
      { name: rawName, value: rawSlower },
      MIN_RAW_RATIO_WITH_LATENCY,
      { breakdown: medianBreakdown(slower.ours) }
    ),
    rateRow(
      'drain-latency-vs-peer',
      `drain vs peer, ${slowRows(LATENCY_MS)}`,
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
