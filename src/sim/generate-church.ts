import { connectionDateOrdinal, formatConnectionDate } from '../shared/change-request'
import type { ConnectionDetails, Individual } from '../shared/legacy-lookups'
import { CONNECTION_TYPES, TEAMS } from './church-catalog'
import {
  AREA_CODES,
  LAST_COMMENTS,
  LAST_NAMES,
  MEN_FIRST_NAMES,
  PREFERRED_NAMES,
  WOMEN_FIRST_NAMES
} from './church-names'
import { chance, intBetween, mulberry32, pick, type Random } from './prng'

/** The contract promises individual 76 to every test, whatever --people says. */
export const GUARANTEED_INDIVIDUAL_ID = 76

export interface GeneratedChurch {
  seed: number
  /** Ordered by IndvId. */
  individuals: Individual[]
  /** Ordered by ConnectionId. */
  connections: ConnectionDetails[]
}

export interface ChurchRecipe {
  seed: number
  people: number
  /** `MM/DD/YYYY`: due dates are spread around this day, some of them overdue. */
  today: string
}

const FAMILY_SIZES = [1, 1, 1, 2, 2, 2, 2, 3, 3, 4, 4, 4, 5, 5, 6] as const

/**
 * The same recipe always yields the same church. IndvIds are contiguous and end at or
 * after 76, so a tiny directory still holds individual 76.
 */
export function generateChurch(recipe: ChurchRecipe): GeneratedChurch {
  const random = mulberry32(recipe.seed)
  const firstId = Math.max(1, GUARANTEED_INDIVIDUAL_ID + 1 - recipe.people)
  const individuals = generatePeople(random, recipe.people, firstId)
  const connections = generateConnections(random, individuals, recipe.today)
  return { seed: recipe.seed, individuals, connections }
}

function generatePeople(random: Random, count: number, firstId: number): Individual[] {
  const people: Individual[] = []
  let familyId = 1000
  while (people.length < count) {
    familyId++
    const lastName = pick(random, LAST_NAMES)
    const size = Math.min(pick(random, FAMILY_SIZES), count - people.length)
    const headIsWoman = chance(random, 0.5)
    const homePhone = chance(random, 0.6) ? phoneNumber(random) : ''
    for (let member = 0; member < size; member++) {
      const adult = member < 2 && (member === 0 || chance(random, 0.85))
      const woman = member === 1 ? !headIsWoman : member === 0 ? headIsWoman : chance(random, 0.5)
      const firstName = pick(random, woman ? WOMEN_FIRST_NAMES : MEN_FIRST_NAMES)
      const nicknames = PREFERRED_NAMES.get(firstName)
      const preferredName = nicknames && chance(random, 0.4) ? pick(random, nicknames) : ''
      people.push({
        IndvId: firstId + people.length,
        FamilyId: familyId,
        FirstName: firstName,
        LastName: lastName,
        PreferredName: preferredName,
        Email:
          adult && chance(random, 0.8) ? email(random, preferredName || firstName, lastName) : '',
        Phone: adult ? (chance(random, 0.5) ? phoneNumber(random) : homePhone) : ''
      })
    }
  }
  return people
}

/** Names repeat a lot; working each out once keeps 50,000 people quick to generate. */
const plainNames = new Map<string, string>()
function plain(name: string): string {
  let known = plainNames.get(name)
  if (known === undefined) {
    known = name
      .normalize('NFD')
      .toLowerCase()
      .replace(/[^a-z]/g, '')
    plainNames.set(name, known)
  }
  return known
}

function email(random: Random, firstName: string, lastName: string): string {
  const suffix = chance(random, 0.3) ? String(intBetween(random, 1, 99)) : ''
  // example.org and example.net are reserved: no practice email can reach a real person.
  const domain = chance(random, 0.5) ? 'example.org' : 'example.net'
  return `${plain(firstName)}.${plain(lastName)}${suffix}@${domain}`
}

function phoneNumber(random: Random): string {
  // 555-0100 to 555-0199 are reserved for fiction in North America.
  const line = String(intBetween(random, 100, 199)).padStart(4, '0')
  return `(${pick(random, AREA_CODES)}) 555-${line}`
}

function generateConnections(
  random: Random,
  people: readonly Individual[],
  today: string
): ConnectionDetails[] {
  const todayOrdinal = connectionDateOrdinal(today)
  if (todayOrdinal === undefined) throw new RangeError(`today must be MM/DD/YYYY, not ${today}`)
  const count = Math.max(20, Math.round(people.length / 8))
  const typeCount = CONNECTION_TYPES.length
  const connections: ConnectionDetails[] = []
  for (let index = 0; index < count; index++) {
    // The first few are fixed in kind so every seed has an open connection of each type
    // and a closed one; the rest are random.
    const forcedType = index < typeCount ? index + 1 : undefined
    const closed = index === typeCount || (index > typeCount && chance(random, 0.15))
    const typeId = forcedType ?? intBetween(random, 1, typeCount)
    const assignment = random()
    const dueOffset = closed ? intBetween(random, -60, -1) : intBetween(random, -21, 28)
    connections.push({
      ConnectionId: index + 1,
      ConnectionTypeId: typeId,
      ContactIndvId: pick(random, people).IndvId,
      FamilyConnection: chance(random, 0.2),
      CallerIndvId: assignment < 0.45 ? pick(random, people).IndvId : -1,
      TeamId: assignment >= 0.45 && assignment < 0.9 ? pick(random, TEAMS).TeamId : -1,
      DueDate: chance(random, 0.05) ? '' : dateFromOrdinal(todayOrdinal + dueOffset),
      Status: closed ? 'Closed' : 'Open',
      LastComment: pick(random, LAST_COMMENTS)
    })
  }
  return connections
}

function dateFromOrdinal(ordinal: number): string {
  const moment = new Date(ordinal * 86_400_000)
  return formatConnectionDate({
    year: moment.getUTCFullYear(),
    month: moment.getUTCMonth() + 1,
    day: moment.getUTCDate()
  })
}
