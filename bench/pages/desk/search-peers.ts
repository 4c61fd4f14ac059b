import uFuzzy from '@leeoniya/ufuzzy'
import MiniSearch from 'minisearch'
import { DEFAULT_RESULT_LIMIT } from '$renderer/search/people-search'
import type { Person } from '$shared/lookups'
import { BenchError } from '../../bench-error'
import { loadedPeople } from './people-in-memory'

/**
 * The two libraries the people search is held against, set up for the same job: every
 * query word matches the start of a first, last or goes-by name, in any order, with one typo
 * allowed in words of three letters or more; the first 20 results count. Each returns the
 * indexes (into loadedPeople()) of the people it found.
 */
export type SearchEngineName = 'ours' | 'uFuzzy' | 'MiniSearch'
export const PEER_ENGINES = ['uFuzzy', 'MiniSearch'] as const
export type PeerEngineName = (typeof PEER_ENGINES)[number]

export interface PeerEngine {
  search(query: string): number[]
}

const MIN_TYPO_WORD_LENGTH = 3

export function buildPeerEngine(name: PeerEngineName, people: readonly Person[]): PeerEngine {
  return name === 'uFuzzy' ? buildUFuzzy(people) : buildMiniSearch(people)
}

function searchableName(person: Person): string {
  const goesBy = person.goesByName && person.goesByName !== person.firstName
  return `${person.firstName} ${person.lastName}${goesBy ? ` ${person.goesByName}` : ''}`
}

function buildUFuzzy(people: readonly Person[]): PeerEngine {
  // SingleError: one insertion, substitution, transposition or omission within each term.
  const fuzzy = new uFuzzy({
    intraMode: 1,
    intraIns: 1,
    intraSub: 1,
    intraTrn: 1,
    intraDel: 1
  })
  const haystack = people.map((person) => searchableName(person).toLowerCase())
  return {
    search(query) {
      // Up to 4 words may come in any order (4! permutations at most), as ours allows.
      const [indexes, , order] = fuzzy.search(haystack, query.toLowerCase(), 4)
      if (!indexes) return []
      if (!order) return indexes.slice(0, DEFAULT_RESULT_LIMIT)
      return order.slice(0, DEFAULT_RESULT_LIMIT).map((at) => indexes[at]!)
    }
  }
}

function buildMiniSearch(people: readonly Person[]): PeerEngine {
  const index = new MiniSearch<{ id: number; first: string; last: string; goesBy: string }>({
    fields: ['first', 'last', 'goesBy'],
    searchOptions: {
      prefix: true,
      fuzzy: (term) => (term.length >= MIN_TYPO_WORD_LENGTH ? 1 : false),
      combineWith: 'AND'
    }
  })
  index.addAll(
    people.map((person, id) => ({
      id,
      first: person.firstName,
      last: person.lastName,
      goesBy: person.goesByName
    }))
  )
  return {
    search(query) {
      return index
        .search(query)
        .slice(0, DEFAULT_RESULT_LIMIT)
        .map((result) => Number(result.id))
    }
  }
}

const built = new Map<PeerEngineName, PeerEngine>()
let kept: PeerEngine | undefined

/** The engine the keystroke and recall comparisons share, built once per page. */
export function sharedPeerEngine(name: PeerEngineName): PeerEngine {
  let engine = built.get(name)
  if (!engine) {
    engine = buildPeerEngine(name, loadedPeople())
    built.set(name, engine)
  }
  return engine
}

/** For the memory comparison: nothing of the peers kept but one engine, until dropped. */
export function keepPeerEngine(args: { engine: PeerEngineName }): void {
  built.clear()
  kept = buildPeerEngine(args.engine, loadedPeople())
  if (kept.search('a').length === 0) throw new BenchError(`${args.engine} found nobody for "a"`)
}

export function dropPeerEngines(): void {
  built.clear()
  kept = undefined
}
