import { describe, expect, it } from 'vitest'
import { nameTokens } from '$renderer/search/normalize-name'
import { PeopleSearch, type PersonMatch } from '$renderer/search/people-search'
import { prefixDistance } from '$renderer/search/prefix-distance'
import { generateDirectory, seededRandom } from '../support/generate-directory'
import { person } from '../../shared/support/lookup-builders'

const fixtures = [
  person(1, 'Ann', 'Lee'),
  person(2, 'Annabel', 'Leeds'),
  person(3, 'Robert', 'Stone', { goesByName: 'Bob' }),
  person(4, 'Zoë', 'Ångström'),
  person(5, 'John', 'Annis'),
  person(6, 'Mary-Kate', "O'Brien"),
  person(7, 'Jonathan', 'Smith', { goesByName: 'Jon' }),
  person(8, 'Anne', 'Lee'),
  person(9, 'Leeann', 'Price')
]
const index = PeopleSearch.build(fixtures)

function ids(matches: PersonMatch[]): number[] {
  return matches.map((match) => match.person.id)
}

describe('nameTokens', () => {
  it('folds case and accents, drops apostrophes and splits on other marks', () => {
    expect(nameTokens('Zoë  Ångström')).toEqual(['zoe', 'angstrom'])
    expect(nameTokens("Mary-Kate O'Brien")).toEqual(['mary', 'kate', 'obrien'])
    expect(nameTokens('  ')).toEqual([])
  })
})

describe('prefixDistance', () => {
  it.each([
    ['ann', 'annabel', 0],
    ['annabel', 'annabel', 0],
    ['anx', 'annabel', 1],
    ['aann', 'annabel', 1],
    ['anabel', 'annabel', 1],
    ['nanabel', 'annabel', 1],
    ['annabelx', 'annabel', 1],
    ['jhon', 'john', 1],
    ['smtih', 'smith', 1],
    ['xxn', 'annabel', 2],
    ['annabelxy', 'annabel', 2],
    ['ab', 'ba', 1],
    ['lee', 'price', 2]
  ] as const)('%s against a prefix of %s is %i edits away', (query, token, distance) => {
    expect(prefixDistance(query, token)).toBe(distance)
  })
})

describe('PeopleSearch on small fixtures', () => {
  it('finds a whole name before names it begins, then alphabetically', () => {
    const matches = index.search('lee')
    expect(ids(matches)).toEqual([1, 8, 2, 9])
    expect(matches.map((match) => [match.score, match.typos])).toEqual([
      [3, 0],
      [3, 0],
      [2, 0],
      [2, 0]
    ])
  })

  it('matches first, last and preferred names, and accents either way', () => {
    // O'Brien is one edit from "bob" ("obrien" with a b before it): found, but after Bob.
    expect(index.search('bob').map((match) => [match.person.id, match.typos])).toEqual([
      [3, 0],
      [6, 1]
    ])
    expect(ids(index.search('stone'))).toEqual([3])
    expect(ids(index.search('zoe'))).toEqual([4])
    expect(ids(index.search('ÅNGS'))).toEqual([4])
    expect(ids(index.search("o'brien"))).toEqual([6])
    expect(ids(index.search('kate'))).toEqual([6])
  })

  it('narrows with "first last" and "last first" combinations', () => {
    expect(ids(index.search('ann lee'))).toEqual([1, 8, 2])
    expect(ids(index.search('lee ann'))).toEqual([1, 8, 2])
    expect(ids(index.search('bob sto'))).toEqual([3])
    expect(ids(index.search('jon smith'))).toEqual([7])
  })

  it('tolerates one typo, ranked after exact prefixes', () => {
    expect(ids(index.search('stnoe'))).toEqual([3])
    expect(ids(index.search('robret'))).toEqual([3])
    expect(ids(index.search('jonathn'))).toEqual([7])
    const matches = index.search('smiht')
    expect(ids(matches)).toEqual([7])
    expect(matches[0]?.typos).toBe(1)
    // Exact prefixes come first, then the one-typo matches (Ann, Anne are one edit from "annis").
    const mixed = index.search('annis')
    expect(ids(mixed).slice(0, 1)).toEqual([5])
    expect(mixed.slice(1).every((match) => match.typos === 1)).toBe(true)
  })

  it('does not guess from one or two letters, nor from two typos', () => {
    expect(ids(index.search('xe'))).toEqual([])
    expect(ids(index.search('stxxe'))).toEqual([])
  })

  it('answers nothing for an empty query and honours the limit', () => {
    expect(index.search('   ')).toEqual([])
    expect(ids(index.search('a', 2))).toHaveLength(2)
    expect(index.search('lee', 0)).toEqual([])
  })
})

describe('PeopleSearch over a generated directory', () => {
  const directory = generateDirectory(20_000, 11)
  const large = PeopleSearch.build(directory)

  function withOneTypo(word: string, random: () => number): string {
    const at = Math.floor(random() * word.length)
    const letter = String.fromCharCode(97 + Math.floor(random() * 26))
    switch (Math.floor(random() * 4)) {
      case 0:
        return word.slice(0, at) + letter + word.slice(at + 1)
      case 1:
        return word.slice(0, at) + letter + word.slice(at)
      case 2:
        return word.length > 3 ? word.slice(0, at) + word.slice(at + 1) : word + letter
      default:
        return at + 1 < word.length
          ? word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2)
          : word.slice(0, at) + letter
    }
  }

  it('finds the person for at least 95% of "first last" queries with one typo', () => {
    const random = seededRandom(99)
    const trials = 400
    let found = 0
    for (let trial = 0; trial < trials; trial++) {
      const target = directory[Math.floor(random() * directory.length)]!
      const [first, last] = [nameTokens(target.firstName)[0]!, nameTokens(target.lastName)[0]!]
      const query =
        random() < 0.5
          ? `${withOneTypo(first, random)} ${last}`
          : `${first} ${withOneTypo(last, random)}`
      if (large.search(query, 20).some((match) => match.person.id === target.id)) found++
    }
    expect(found / trials).toBeGreaterThanOrEqual(0.95)
  })

  it('finds every person by their exact full name', () => {
    const random = seededRandom(7)
    for (let trial = 0; trial < 200; trial++) {
      const target = directory[Math.floor(random() * directory.length)]!
      const matches = large.search(`${target.firstName} ${target.lastName}`, 50)
      expect(matches.map((match) => match.person.id)).toContain(target.id)
      expect(matches[0]?.typos).toBe(0)
    }
  })
})
