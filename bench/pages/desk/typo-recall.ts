import type { Person } from '$shared/lookups'
import { mulberry32, type Random } from '$sim/prng'
import { loadedPeople, sharedIndex } from './people-in-memory'
import { PEER_ENGINES, sharedPeerEngine, type PeerEngineName } from './search-peers'

const LETTERS = 'abcdefghijklmnopqrstuvwxyz'
/** A typo in a shorter word leaves under three letters, where the search allows none. */
const MIN_WORD_LENGTH = 4
const MISSES_REPORTED = 10

/**
 * One-typo recall: "first last" with one slip in one of the two names (a letter changed,
 * left out, added, or two neighbours swapped, anywhere in the word), and whether the person
 * is among the 20 results. People who share the full name count as found: the names are
 * all a clerk has typed, so the search cannot tell them apart.
 */
export function typoRecall(args: { cases: number; seed: number }): {
  cases: number
  found: number
  missed: Array<{ query: string; wanted: string }>
  peerFound: Record<PeerEngineName, number>
} {
  const everyone = loadedPeople()
  const peers = PEER_ENGINES.map((name) => ({ name, engine: sharedPeerEngine(name) }))
  const peerFound: Record<PeerEngineName, number> = { uFuzzy: 0, MiniSearch: 0 }
  const people = everyone.filter(
    (person) =>
      person.firstName.length >= MIN_WORD_LENGTH || person.lastName.length >= MIN_WORD_LENGTH
  )
  const index = sharedIndex()
  const random = mulberry32(args.seed)
  let found = 0
  const missed: Array<{ query: string; wanted: string }> = []
  for (let done = 0; done < args.cases; done++) {
    const person = people[Math.floor(random() * people.length)]!
    const query = queryWithTypo(person, random)
    const hit = index
      .search(query)
      .some(
        (match) =>
          match.person.firstName === person.firstName && match.person.lastName === person.lastName
      )
    if (hit) found++
    else if (missed.length < MISSES_REPORTED) {
      missed.push({ query, wanted: `${person.firstName} ${person.lastName}` })
    }
    for (const { name, engine } of peers) {
      const sameName = (at: number): boolean =>
        everyone[at]?.firstName === person.firstName && everyone[at]?.lastName === person.lastName
      if (engine.search(query).some(sameName)) peerFound[name]++
    }
  }
  return { cases: args.cases, found, missed, peerFound }
}

function queryWithTypo(person: Person, random: Random): string {
  const typoInLast =
    person.firstName.length < MIN_WORD_LENGTH ||
    (person.lastName.length >= MIN_WORD_LENGTH && random() < 0.5)
  return typoInLast
    ? `${person.firstName} ${withTypo(person.lastName, random)}`
    : `${withTypo(person.firstName, random)} ${person.lastName}`
}

function withTypo(word: string, random: Random): string {
  const at = Math.floor(random() * word.length)
  const letter = LETTERS[Math.floor(random() * LETTERS.length)]!
  switch (Math.floor(random() * 4)) {
    case 0: {
      const other = letter === word[at]?.toLowerCase() ? nextLetter(letter) : letter
      return word.slice(0, at) + other + word.slice(at + 1)
    }
    case 1:
      return word.slice(0, at) + word.slice(at + 1)
    case 2:
      return word.slice(0, at) + letter + word.slice(at)
    default: {
      // Two neighbours swapped; equal neighbours would be no typo, so change a letter then.
      const left = Math.min(at, word.length - 2)
      const [first, second] = [word[left]!, word[left + 1]!]
      if (first.toLowerCase() === second.toLowerCase()) return withTypo(word, random)
      return word.slice(0, left) + second + first + word.slice(left + 2)
    }
  }
}

function nextLetter(letter: string): string {
  return LETTERS[(LETTERS.indexOf(letter) + 1) % LETTERS.length]!
}
