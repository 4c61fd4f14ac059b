import type { Person } from '$shared/lookups'
import { DEFAULT_RESULT_LIMIT } from '$renderer/search/people-search'
import { BenchError } from '../../bench-error'
import { loadedPeople, sharedIndex } from './people-in-memory'
import { PEER_ENGINES, sharedPeerEngine, type PeerEngineName } from './search-peers'
import { typingScript } from './typing-script'

/**
 * The people search per keystroke against the naive alternative: a filter over every
 * person's lowercased "first last", keeping the first 20. Each keystroke runs both, in
 * alternating order, then uFuzzy and MiniSearch (search-peers.ts) on the same query; one
 * untimed pass first lets the JIT settle for all.
 */
export function keystrokes(args: { targets: number; seed: number }): {
  keystrokes: number
  searchMs: number[]
  naiveMs: number[]
  peerMs: Record<PeerEngineName, number[]>
} {
  const people = loadedPeople()
  const index = sharedIndex()
  const fullNames = people.map((person) => `${person.firstName} ${person.lastName}`.toLowerCase())
  const naive = (query: string): Person[] => {
    const wanted = query.toLowerCase()
    return people.filter((_, at) => fullNames[at]!.includes(wanted)).slice(0, DEFAULT_RESULT_LIMIT)
  }
  const queries = typingScript(people, args.targets, args.seed)
  const searchMs: number[] = []
  const naiveMs: number[] = []
  const peers = PEER_ENGINES.map((name) => ({ name, engine: sharedPeerEngine(name) }))
  const peerMs: Record<PeerEngineName, number[]> = { uFuzzy: [], MiniSearch: [] }
  // Found results are counted so the engine cannot drop the work as unused.
  let found = 0
  for (const measured of [false, true]) {
    queries.forEach((query, at) => {
      const searchFirst = at % 2 === 0
      if (!searchFirst) found += timed(naiveMs, measured, () => naive(query).length)
      found += timed(searchMs, measured, () => index.search(query).length)
      if (searchFirst) found += timed(naiveMs, measured, () => naive(query).length)
      for (const { name, engine } of peers) {
        found += timed(peerMs[name], measured, () => engine.search(query).length)
      }
    })
  }
  if (found === 0) {
    throw new BenchError('No keystroke found anyone: the directory or the typing script is wrong')
  }
  return { keystrokes: queries.length, searchMs, naiveMs, peerMs }
}

function timed(into: number[], measured: boolean, work: () => number): number {
  const started = performance.now()
  const result = work()
  if (measured) into.push(performance.now() - started)
  return result
}
