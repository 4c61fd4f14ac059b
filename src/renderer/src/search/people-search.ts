import type { Person } from '$shared/lookups'
import { nameTokens } from './normalize-name'
import { prefixDistance } from './prefix-distance'

export interface PersonMatch {
  person: Person
  /** Strength of the match, summed over the query's words: whole name 3, prefix 2, typo 1. */
  score: number
  /** Query words matched only by allowing one typo. */
  typos: number
}

const WHOLE_NAME = 3
const PREFIX = 2
const ONE_TYPO = 1
/** A first and last name and a middle one or two; longer queries use their first four words. */
const MAX_QUERY_WORDS = 4
/** Below three letters nearly every name is one edit away, so a typo would match everyone. */
const MIN_TYPO_WORD_LENGTH = 3
export const DEFAULT_RESULT_LIMIT = 20

/**
 * Typeahead over the cached people directory, by first, last or goes-by name and any
 * combination of them ("ann lee", "lee ann"). Each query word must match a name of the
 * person: as the whole name, as its beginning, or — failing enough of those — within one
 * typo of its beginning. Results rank fewer typos first, then stronger matches, then
 * alphabetically by last and first name.
 *
 * The index is a sorted list of distinct name words with, for each, the people carrying it
 * (one flat posting array): a prefix is a binary search, a typo a scan over the distinct
 * words, which are far fewer than the people. People are numbered in alphabetical order,
 * so one pass over per-word match marks yields each rank bucket already sorted.
 */
export class PeopleSearch {
  readonly #people: Person[]
  readonly #tokens: string[]
  /** People carrying tokens[k] are postings[postingStart[k] .. postingStart[k + 1]). */
  readonly #postingStart: Uint32Array
  readonly #postings: Uint32Array
  /** One mark per person and query word: the strength of that word's best match. */
  readonly #marks: Uint8Array[]

  private constructor(
    people: Person[],
    tokens: string[],
    postingStart: Uint32Array,
    postings: Uint32Array
  ) {
    this.#people = people
    this.#tokens = tokens
    this.#postingStart = postingStart
    this.#postings = postings
    this.#marks = Array.from({ length: MAX_QUERY_WORDS }, () => new Uint8Array(people.length))
  }

  static build(directory: readonly Person[]): PeopleSearch {
    const normalizer = new NameNormalizer()
    const people = alphabetical(directory, normalizer)

    const carriers = new Map<string, number[]>()
    let postingCount = 0
    const carry = (tokens: readonly string[], index: number): void => {
      for (const token of tokens) {
        const list = carriers.get(token)
        if (!list) carriers.set(token, [index])
        // People are visited in order, so a repeat (first name = goes-by name) is the last entry.
        else if (list[list.length - 1] !== index) list.push(index)
        else continue
        postingCount++
      }
    }
    people.forEach((person, index) => {
      carry(normalizer.tokens(person.firstName), index)
      carry(normalizer.tokens(person.lastName), index)
      carry(normalizer.tokens(person.goesByName), index)
    })

    const tokens = [...carriers.keys()].sort()
    const postingStart = new Uint32Array(tokens.length + 1)
    const postings = new Uint32Array(postingCount)
    let offset = 0
    tokens.forEach((token, k) => {
      postingStart[k] = offset
      const list = carriers.get(token) ?? []
      postings.set(list, offset)
      offset += list.length
    })
    postingStart[tokens.length] = offset
    return new PeopleSearch(people, tokens, postingStart, postings)
  }

  get size(): number {
    return this.#people.length
  }

  /** Distinct name words in the index (for benchmarks and diagnostics). */
  get distinctNames(): number {
    return this.#tokens.length
  }

  search(query: string, limit: number = DEFAULT_RESULT_LIMIT): PersonMatch[] {
    const words = nameTokens(query).slice(0, MAX_QUERY_WORDS)
    if (words.length === 0 || limit <= 0) return []

    const ranges = words.map((word, j) => this.#markPrefixes(word, this.#marks[j]!))
    let matches = this.#collect(words.length, limit)
    if (matches.length >= limit) return matches

    let widened = false
    words.forEach((word, j) => {
      if (word.length < MIN_TYPO_WORD_LENGTH) return
      this.#markTypos(word, ranges[j]!, this.#marks[j]!)
      widened = true
    })
    if (widened) matches = this.#collect(words.length, limit)
    return matches
  }

  /** Marks everyone with a name starting with `word`; returns the tokens it covered. */
  #markPrefixes(word: string, marks: Uint8Array): [number, number] {
    marks.fill(0)
    const tokens = this.#tokens
    let low = 0
    let high = tokens.length
    while (low < high) {
      const middle = (low + high) >>> 1
      if (tokens[middle]! < word) low = middle + 1
      else high = middle
    }
    let end = low
    while (end < tokens.length && tokens[end]!.startsWith(word)) {
      this.#mark(end, tokens[end]!.length === word.length ? WHOLE_NAME : PREFIX, marks)
      end++
    }
    return [low, end]
  }

  #markTypos(word: string, [skipFrom, skipTo]: [number, number], marks: Uint8Array): void {
    const tokens = this.#tokens
    for (let k = 0; k < tokens.length; k++) {
      // The prefix matches are already marked, stronger.
      if (k === skipFrom && skipTo > skipFrom) {
        k = skipTo - 1
        continue
      }
      if (prefixDistance(word, tokens[k]!) === 1) this.#mark(k, ONE_TYPO, marks)
    }
  }

  #mark(token: number, strength: number, marks: Uint8Array): void {
    const postings = this.#postings
    const end = this.#postingStart[token + 1]!
    for (let at = this.#postingStart[token]!; at < end; at++) {
      const person = postings[at]!
      if (marks[person]! < strength) marks[person] = strength
    }
  }

  /**
   * One pass in alphabetical order; each (typos, score) bucket keeps its first `limit`
   * people, so the best `limit` overall come out without sorting the candidates.
   */
  #collect(wordCount: number, limit: number): PersonMatch[] {
    const maxScore = wordCount * WHOLE_NAME
    const buckets: number[][] = Array.from({ length: (wordCount + 1) * (maxScore + 1) }, () => [])
    const marks = this.#marks
    for (let person = 0; person < this.#people.length; person++) {
      let score = 0
      let typos = 0
      let j = 0
      for (; j < wordCount; j++) {
        const mark = marks[j]![person]!
        if (mark === 0) break
        score += mark
        if (mark === ONE_TYPO) typos++
      }
      if (j < wordCount) continue
      const bucket = buckets[typos * (maxScore + 1) + (maxScore - score)]!
      if (bucket.length < limit) bucket.push(person)
    }

    const matches: PersonMatch[] = []
    for (let key = 0; key < buckets.length && matches.length < limit; key++) {
      const typos = Math.floor(key / (maxScore + 1))
      const score = maxScore - (key % (maxScore + 1))
      for (const person of buckets[key]!) {
        if (matches.length === limit) break
        matches.push({ person: this.#people[person]!, score, typos })
      }
    }
    return matches
  }
}

/** Names repeat a great deal (families, common first names): each text is normalized once. */
class NameNormalizer {
  readonly #cache = new Map<string, string[]>()

  tokens(text: string): string[] {
    let tokens = this.#cache.get(text)
    if (!tokens) {
      tokens = nameTokens(text)
      this.#cache.set(text, tokens)
    }
    return tokens
  }
}

/**
 * By last name, then first name. Ranking the few thousand distinct names first lets the
 * tens of thousands of people be ordered by one numeric sort instead of string comparisons.
 */
function alphabetical(directory: readonly Person[], normalizer: NameNormalizer): Person[] {
  const lastRank = rankOf(
    directory.map((person) => person.lastName),
    normalizer
  )
  const firstRank = rankOf(
    directory.map((person) => person.firstName),
    normalizer
  )
  const firstCount = firstRank.size + 1
  const count = directory.length
  const order = new Float64Array(count)
  directory.forEach((person, index) => {
    const nameKey = lastRank.get(person.lastName)! * firstCount + firstRank.get(person.firstName)!
    // The index rides along in the low digits: equal names keep the directory's order.
    order[index] = nameKey * count + index
  })
  order.sort()
  return Array.from(order, (key) => directory[key % count]!)
}

function rankOf(texts: readonly string[], normalizer: NameNormalizer): Map<string, number> {
  const distinct = [...new Set(texts)].map((text) => ({
    text,
    key: normalizer.tokens(text).join(' ')
  }))
  distinct.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  return new Map(distinct.map((entry, rank) => [entry.text, rank]))
}
