import { readPeople } from '$renderer/db/reference-store'
import { PeopleSearch } from '$renderer/search/people-search'
import type { Person } from '$shared/lookups'
import { BenchError } from '../../bench-error'
import { latestDirectory } from './directory'

let people: Person[] | undefined
let kept: PeopleSearch | undefined

/** Reads the downloaded directory into memory, as ReferenceState.load does. */
export async function loadPeople(): Promise<number> {
  people = await readPeople(latestDirectory())
  kept = undefined
  return people.length
}

export function loadedPeople(): Person[] {
  if (!people) throw new BenchError('Load the people before measuring the search')
  return people
}

/** The index the app would hold, built once and shared by the search benchmarks. */
export function sharedIndex(): PeopleSearch {
  kept ??= PeopleSearch.build(loadedPeople())
  return kept
}

export function buildIndex(args: { rounds: number }): {
  people: number
  distinctNames: number
  buildMs: number[]
} {
  const directory = loadedPeople()
  const buildMs: number[] = []
  let index: PeopleSearch | undefined
  for (let round = 0; round < args.rounds; round++) {
    const started = performance.now()
    index = PeopleSearch.build(directory)
    buildMs.push(performance.now() - started)
  }
  if (!index) throw new BenchError('The index was never built: ask for at least one round')
  return { people: index.size, distinctNames: index.distinctNames, buildMs }
}

/** For the memory metric: one index, kept reachable until dropIndex. */
export function keepIndex(): number {
  kept = PeopleSearch.build(loadedPeople())
  return kept.distinctNames
}

export function dropIndex(): void {
  kept = undefined
}
