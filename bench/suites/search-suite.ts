import * as z from 'zod'
import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import {
  buildTimesSchema,
  keystrokeResultSchema,
  typoRecallResultSchema,
  type PeerEngine
} from '../contract/desk-bench-api'

const MAX_KEYSTROKE_P95_MS = 8
const MIN_RECALL = 0.95
const MAX_BUILD_MS = 300
const MAX_RETAINED_MB = 30
const MB = 1024 * 1024
const SEED = 20_251_129

/**
 * The people search over the downloaded directory against uFuzzy and MiniSearch on the same
 * names and queries (bench/pages/desk/search-peers.ts): per keystroke (against the faster's
 * p95), one-typo recall (against the better's) and retained heap (against the smaller's);
 * the naive filter is kept in the details. Also what building the index costs.
 */
export async function searchSuite(session: DeskSession, config: BenchConfig): Promise<MetricRow[]> {
  const people = await session.call('loadPeople', undefined, z.int())
  if (people !== config.people) {
    throw new BenchError(`The search loaded ${people} people, not ${config.people}`)
  }
  const strokes = await session.call(
    'keystrokes',
    { targets: config.typingTargets, seed: SEED },
    keystrokeResultSchema
  )
  const recall = await session.call(
    'typoRecall',
    { cases: config.typoCases, seed: SEED + 1 },
    typoRecallResultSchema
  )
  const build = await session.call('buildIndex', { rounds: config.buildRounds }, buildTimesSchema)
  const retained: number[] = []
  for (let round = 0; round < config.memoryRounds; round++) {
    await session.call('dropIndex', undefined, z.undefined())
    const before = await session.heapUsedAfterGc()
    await session.call('keepIndex', undefined, z.int())
    retained.push((await session.heapUsedAfterGc()) - before)
  }
  await session.call('dropIndex', undefined, z.undefined())
  const peerRetained: Record<PeerEngine, number[]> = { uFuzzy: [], MiniSearch: [] }
  for (const engine of ['uFuzzy', 'MiniSearch'] as const) {
    for (let round = 0; round < config.memoryRounds; round++) {
      await session.call('dropPeerEngines', undefined, z.undefined())
      const before = await session.heapUsedAfterGc()
      await session.call('keepPeerEngine', { engine }, z.undefined())
      peerRetained[engine].push((await session.heapUsedAfterGc()) - before)
    }
  }
  await session.call('dropPeerEngines', undefined, z.undefined())

  const peerKeystroke = {
    uFuzzy: summarize(strokes.peerMs.uFuzzy),
    MiniSearch: summarize(strokes.peerMs.MiniSearch)
  }
  const fasterPeer = best(peerKeystroke, (summary) => -summary.p95)
  const betterRecall = best(recall.peerFound, (found) => found)
  const peerMb = {
    uFuzzy: summarize(peerRetained.uFuzzy.map((bytes) => bytes / MB)),
    MiniSearch: summarize(peerRetained.MiniSearch.map((bytes) => bytes / MB))
  }
  const smallerPeer = best(peerMb, (summary) => -summary.median)
  const search = summarize(strokes.searchMs)
  const naive = summarize(strokes.naiveMs)
  const keystrokeRatio = search.p95 / peerKeystroke[fasterPeer].p95
  const recallRate = recall.found / recall.cases
  const peerRecall = recall.peerFound[betterRecall] / recall.cases
  const buildMs = summarize(build.buildMs)
  const retainedMb = summarize(retained.map((bytes) => bytes / MB))
  const perPeople = `${people.toLocaleString('en')} people`
  return [
    {
      id: 'search-keystroke',
      name: `people search per keystroke, ${perPeople} (${strokes.keystrokes} keystrokes)`,
      unit: 'ms',
      value: search,
      baseline: {
        name: `${fasterPeer}, the faster library here`,
        value: peerKeystroke[fasterPeer]
      },
      ratio: { value: keystrokeRatio, of: 'p95 / baseline p95' },
      target: `p95 <= ${MAX_KEYSTROKE_P95_MS} ms and <= the faster library's p95`,
      met: search.p95 <= MAX_KEYSTROKE_P95_MS && keystrokeRatio <= 1,
      details: {
        libraries: peerKeystroke,
        naiveFilter: { ...naive, what: 'a filter over lowercased full names, first 20' }
      }
    },
    {
      id: 'search-typo-recall',
      name: `one-typo recall, ${recall.cases} queries`,
      unit: 'ratio',
      value: { median: recallRate, p95: recallRate, samples: recall.cases },
      baseline: {
        name: `${betterRecall}, the better library here`,
        value: { median: peerRecall, p95: peerRecall, samples: recall.cases }
      },
      ratio: { value: recallRate / peerRecall, of: 'recall / baseline recall' },
      target: `>= ${MIN_RECALL} and >= the better library's`,
      met: recallRate >= MIN_RECALL && recallRate >= peerRecall,
      details: { found: recall.found, libraries: recall.peerFound, missed: recall.missed }
    },
    {
      id: 'search-index-build',
      name: `search index build, ${perPeople}`,
      unit: 'ms',
      value: buildMs,
      target: `<= ${MAX_BUILD_MS} ms`,
      met: buildMs.median <= MAX_BUILD_MS,
      details: { distinctNames: build.distinctNames }
    },
    {
      id: 'search-index-memory',
      name: `search index retained heap, ${perPeople}`,
      unit: 'MB',
      value: retainedMb,
      baseline: { name: `${smallerPeer}, the smaller library here`, value: peerMb[smallerPeer] },
      ratio: { value: retainedMb.median / peerMb[smallerPeer].median, of: 'p50 / baseline p50' },
      target: `<= ${MAX_RETAINED_MB} MB and <= the smaller library's`,
      met: retainedMb.median <= MAX_RETAINED_MB && retainedMb.median <= peerMb[smallerPeer].median,
      details: {
        libraries: peerMb,
        method:
          'CDP HeapProfiler.collectGarbage twice, then Runtime.getHeapUsage (JS heap + array buffers), before and after building one index'
      }
    }
  ]
}

/** The engine whose figure scores highest. */
function best<T>(figures: Record<PeerEngine, T>, score: (figure: T) => number): PeerEngine {
  return score(figures.uFuzzy) >= score(figures.MiniSearch) ? 'uFuzzy' : 'MiniSearch'
}
