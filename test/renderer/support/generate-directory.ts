import type { Person } from '$shared/lookups'

const FIRST_NAMES = [
  'James',
  'Mary',
  'John',
  'Patricia',
  'Robert',
  'Jennifer',
  'Michael',
  'Linda',
  'William',
  'Elizabeth',
  'David',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
  'Thomas',
  'Sarah',
  'Charles',
  'Karen',
  'Christopher',
  'Nancy',
  'Daniel',
  'Lisa',
  'Matthew',
  'Betty',
  'Anthony',
  'Margaret',
  'Mark',
  'Sandra',
  'Donald',
  'Ashley',
  'Steven',
  'Kimberly',
  'Paul',
  'Emily',
  'Andrew',
  'Donna',
  'Joshua',
  'Michelle',
  'Kenneth',
  'Dorothy',
  'Kevin',
  'Carol',
  'Brian',
  'Amanda',
  'George',
  'Melissa',
  'Edward',
  'Deborah',
  'Ronald',
  'Stephanie',
  'Timothy',
  'Rebecca',
  'Jason',
  'Sharon',
  'Jeffrey',
  'Laura',
  'Ryan',
  'Cynthia',
  'Jacob',
  'Kathleen',
  'Gary',
  'Amy',
  'Nicholas',
  'Shirley',
  'Eric',
  'Angela',
  'Jonathan',
  'Helen',
  'Stephen',
  'Anna',
  'Larry',
  'Brenda',
  'Justin',
  'Pamela',
  'Scott',
  'Nicole',
  'Brandon',
  'Emma',
  'Benjamin',
  'Samantha',
  'Samuel',
  'Katherine',
  'Gregory',
  'Christine',
  'Frank',
  'Debra',
  'Alexander',
  'Rachel',
  'Raymond',
  'Catherine',
  'Patrick',
  'Carolyn',
  'Jack',
  'Janet',
  'Dennis',
  'Ruth',
  'Jerry',
  'Maria',
  'José',
  'Zoë',
  'Renée',
  'Siobhán',
  'Chloé',
  'Björn'
]

const SYLLABLES = [
  'an',
  'ber',
  'cal',
  'dor',
  'el',
  'fen',
  'gar',
  'hol',
  'in',
  'jor',
  'kel',
  'lan',
  'mor',
  'nor',
  'ost',
  'per',
  'quin',
  'ros',
  'sten',
  'tor',
  'ul',
  'van',
  'wes',
  'yar',
  'zel',
  'ley',
  'son',
  'ton',
  'field',
  'worth',
  'ham',
  'by',
  'more',
  'wood',
  'ridge',
  'brook'
]

/** A deterministic pseudo-random sequence (mulberry32), so each run builds the same people. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function pick<T>(list: readonly T[], random: () => number): T {
  return list[Math.floor(random() * list.length)]!
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/**
 * A directory shaped like a church's: families sharing a last name, a few thousand
 * distinct last names built from syllables, accents in some first names, nicknames as
 * goes-by names for some people.
 */
export function generateDirectory(count: number, seed: number): Person[] {
  const random = seededRandom(seed)
  const people: Person[] = []
  let familyId = 1
  while (people.length < count) {
    const syllableCount = 2 + Math.floor(random() * 2)
    const lastName = capitalize(
      Array.from({ length: syllableCount }, () => pick(SYLLABLES, random)).join('')
    )
    const familySize = 1 + Math.floor(random() * 5)
    for (let member = 0; member < familySize && people.length < count; member++) {
      const firstName = pick(FIRST_NAMES, random)
      const id = people.length + 1
      people.push({
        id,
        familyId,
        firstName,
        lastName,
        goesByName: random() < 0.15 ? firstName.slice(0, 3) + 'y' : '',
        friendlyName: '',
        email: `person${id}@example.org`,
        phone: `555-01${String(id % 100).padStart(2, '0')}`,
        address: '',
        city: '',
        state: '',
        zipcode: ''
      })
    }
    familyId++
  }
  return people
}
