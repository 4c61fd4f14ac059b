import * as z from 'zod'
import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import {
  buildTimesSchema,
  keystrokeResultSchema,
  typoRecallResultSchema
} from '../contract/desk-bench-api'

const MAX_KEYSTROKE_P95_MS = 8
const MAX_KEYSTROKE_RATIO = 1
const MIN_RECALL = 0.95
const MAX_BUILD_MS = 300
const MAX_RETAINED_MB = 30
const MB = 1024 * 1024
const SEED = 20_251_129

/**
 * The people search over the downloaded directory: per keystroke against a naive filter,
 * one-typo recall, and what building the index costs in time and retained heap.
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

  const search = summarize(strokes.searchMs)
  const naive = summarize(strokes.naiveMs)
  const keystrokeRatio = search.p95 / naive.p95
  const recallRate = recall.found / recall.cases
  const buildMs = summarize(build.buildMs)
  const retainedMb = summarize(retained.map((bytes) => bytes / MB))
  const perPeople = `${people.toLocaleString('en')} people`
  return [
    {
      id: 'search-keystroke',
      name: `people search per keystroke, ${perPeople} (${strokes.keystrokes} keystrokes)`,
      unit: 'ms',
      value: search,
      baseline: { name: 'naive filter over lowercased full names', value: naive },
      ratio: { value: keystrokeRatio, of: 'p95 / baseline p95' },
      target: `p95 <= ${MAX_KEYSTROKE_P95_MS} ms and <= ${MAX_KEYSTROKE_RATIO}x baseline`,
      met: search.p95 <= MAX_KEYSTROKE_P95_MS && keystrokeRatio <= MAX_KEYSTROKE_RATIO
    },
    {
      id: 'search-typo-recall',
      name: `one-typo recall, ${recall.cases} queries`,
      unit: 'ratio',
      value: { median: recallRate, p95: recallRate, samples: recall.cases },
      target: `>= ${MIN_RECALL}`,
      met: recallRate >= MIN_RECALL,
      details: { found: recall.found, missed: recall.missed }
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
      target: `<= ${MAX_RETAINED_MB} MB`,
      met: retainedMb.median <= MAX_RETAINED_MB,
      details: {
        method:
          'CDP HeapProfiler.collectGarbage twice, then Runtime.getHeapUsage (JS heap + array buffers), before and after building one index'
      }
    }
  ]
}
