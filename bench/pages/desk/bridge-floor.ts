import { buildDeskApi } from '$shared/bridge/build-desk-api'
import type { DeskApi } from '$shared/bridge/desk-api'
import { BenchError } from '../../bench-error'
import { HARNESS_BINDING } from '../../contract/desk-bench-api'
import { desk } from './page-context'

type Invoke = (channel: string, payload: unknown) => Promise<unknown>

/**
 * What one bridge call costs from the page, by transport, in the same page and the same
 * moment: the bench transport (same-origin HTTP, the one every benchmark uses) and the
 * browser harness's (a Playwright binding, as test/harness/page-bridge.ts installs it),
 * alternating. Two calls: one with almost nothing to carry (delivery:state) and a page of
 * 500 people (people:search, which also waits for the site).
 */
export async function bridgeFloor(args: { rounds: number }): Promise<{
  bench: { smallMs: number[]; peoplePageMs: number[] }
  harness: { smallMs: number[]; peoplePageMs: number[] }
}> {
  const binding = (globalThis as unknown as Record<string, Invoke | undefined>)[HARNESS_BINDING]
  if (!binding) throw new BenchError('The harness binding is not installed on this page')
  const harnessDesk = buildDeskApi({ invoke: binding, on: () => () => {} })
  const bench = { smallMs: [] as number[], peoplePageMs: [] as number[] }
  const harness = { smallMs: [] as number[], peoplePageMs: [] as number[] }
  for (let round = 0; round < args.rounds; round++) {
    const order: Array<[DeskApi, typeof bench]> =
      round % 2 === 0
        ? [
            [desk, bench],
            [harnessDesk, harness]
          ]
        : [
            [harnessDesk, harness],
            [desk, bench]
          ]
    for (const [api, into] of order) {
      let started = performance.now()
      await api.delivery.state()
      into.smallMs.push(performance.now() - started)
      started = performance.now()
      await api.people.search({ query: '%', pageIndex: round % 10, pageSize: 500 })
      into.peoplePageMs.push(performance.now() - started)
    }
  }
  return { bench, harness }
}
