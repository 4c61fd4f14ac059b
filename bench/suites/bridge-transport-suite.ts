import type { BenchConfig } from '../bench-config'
import { bridgeFloorSchema } from '../contract/desk-bench-api'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'

/**
 * Why the benchmarks carry the bridge over HTTP: the same calls, from the same page, through
 * the bench transport (bench-server.ts, standing in for Electron's IPC) and through the
 * browser harness's Playwright binding, alternating. No target: this says what the
 * bridge's share of the other figures is, and what it would be through the harness.
 */
export async function bridgeTransportSuite(
  session: DeskSession,
  config: BenchConfig
): Promise<MetricRow[]> {
  const { bench, harness } = await session.call(
    'bridgeFloor',
    { rounds: config.bridgeRounds },
    bridgeFloorSchema
  )
  const row = (id: string, name: string, ours: number[], theirs: number[]): MetricRow => {
    const value = summarize(ours)
    const baseline = summarize(theirs)
    return {
      id,
      name,
      unit: 'ms',
      value,
      baseline: { name: "the browser harness's Playwright binding", value: baseline },
      ratio: { value: value.median / baseline.median, of: 'p50 / baseline p50' },
      target: '(no target: the bench transport in place of IPC)',
      met: null
    }
  }
  return [
    row(
      'bridge-call-small',
      'bridge call, delivery:state (bench transport)',
      bench.smallMs,
      harness.smallMs
    ),
    row(
      'bridge-call-people-page',
      'bridge call, a page of 500 people (bench transport)',
      bench.peoplePageMs,
      harness.peoplePageMs
    )
  ]
}
