import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { repeat, summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import { directoryResultSchema } from '../contract/desk-bench-api'
import { rawDirectoryResultSchema } from '../contract/peer-bench-api'
import type { PeerSession } from '../peer-session'
import { PRACTICE_AUTHORIZATION } from './drain-rounds'

const MAX_RATIO = 1.2
const MAX_MS = 4000
/** Per request, as on a real internet line (issue #15). */
const LATENCY_MS = 50
/** As the app asks: the service's largest page (CONTRACT.md), 100 pages for 50,000 people. */
const PAGE_SIZE = 500
const CONCURRENCY = 4

/**
 * The people directory, downloaded and stored: ReferenceSync through the bridge (`q=%`,
 * pages of 500, four at a time) against a raw fetch of the same pages, as many at a time,
 * plus one put loop in one strict transaction, in alternating order, with 50 ms of latency
 * on every request. The app's last round stays in its database for the search benchmarks.
 */
export async function directorySuite(
  session: DeskSession,
  peer: PeerSession,
  config: BenchConfig
): Promise<MetricRow[]> {
  const ours: number[] = []
  const oursFetch: number[] = []
  const mainFetch: number[] = []
  const raw: number[] = []
  const rawFetch: number[] = []
  const measureRaw = async (): Promise<void> => {
    const result = await peer.call(
      'rawDirectory',
      {
        people: config.people,
        pageSize: PAGE_SIZE,
        concurrency: CONCURRENCY,
        authorization: PRACTICE_AUTHORIZATION
      },
      rawDirectoryResultSchema
    )
    if (result.stored !== config.people) {
      throw new BenchError(`The raw download stored ${result.stored} of ${config.people} people`)
    }
    raw.push(result.ms)
    rawFetch.push(result.fetchMs)
  }
  await session.desk.sim.setFaults({ latencyMs: LATENCY_MS })
  await repeat(
    { rounds: config.directoryRounds, budgetMs: config.roundBudgetMs },
    async (round) => {
      if (round % 2 === 1) await measureRaw()
      session.mainSide.take()
      const result = await session.call(
        'directory',
        { people: config.people },
        directoryResultSchema
      )
      mainFetch.push(session.mainSide.take().peopleMs)
      ours.push(result.ms)
      oursFetch.push(result.fetchMs)
      if (round % 2 === 0) await measureRaw()
    }
  ).finally(() => session.desk.sim.clearFaults())
  const value = summarize(ours)
  const baseline = summarize(raw)
  const ratio = value.median / baseline.median
  return [
    {
      id: 'directory',
      name: `directory download and store, ${config.people.toLocaleString('en')} people, ${LATENCY_MS} ms latency`,
      unit: 'ms',
      value,
      baseline: {
        name: 'raw paged fetch (4 at a time) + one-transaction put loop',
        value: baseline
      },
      ratio: { value: ratio, of: 'p50 / baseline p50' },
      target: `<= ${MAX_RATIO}x baseline time, and <= ${MAX_MS} ms`,
      met: ratio <= MAX_RATIO && value.median <= MAX_MS,
      details: {
        fetchMs: summarize(oursFetch).median,
        mainLookupsMs: summarize(mainFetch).median,
        bridgeMs: summarize(oursFetch).median - summarize(mainFetch).median,
        storeMs: value.median - summarize(oursFetch).median,
        baselineFetchMs: summarize(rawFetch).median,
        baselineStoreMs: baseline.median - summarize(rawFetch).median
      }
    }
  ]
}
