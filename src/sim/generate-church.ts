import { connectionDateOrdinal, formatConnectionDate } from '../shared/change-request'
import { CONNECTION_TYPES, RESPONSES_BY_TYPE, TEAM_NAMES } from './church-catalog'
import type { SimAssignee, SimChurch, SimConnection, SimPerson, SimTeam } from './church-model'
import {
  AREA_CODES,
  LAST_COMMENTS,
  LAST_NAMES,
  MEN_FIRST_NAMES,
  PREFERRED_NAMES,
  STREETS,
  TOWNS,
  WOMEN_FIRST_NAMES
} from './church-names'
import { practiceUser } from './practice-users'
import { chance, intBetween, mulberry32, pick, type Random } from './prng'

/** The contract promises individual 76 to every test, whatever --people says. */
export const GUARANTEED_INDIVIDUAL_ID = 76

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
export function generateChurch(recipe: ChurchRecipe): SimChurch {
  const random = mulberry32(recipe.seed)
  const firstId = Math.max(1, GUARANTEED_INDIVIDUAL_ID + 1 - recipe.people)
  const individuals = generatePeople(random, recipe.people, firstId)
  const clerk = clerkOf(individuals)
  const teams = generateTeams(random, individuals, clerk)
  const connections = generateConnections(random, individuals, teams, clerk, recipe.today)
  return { seed: recipe.seed, individuals, teams, connections }
}

/**
 * The clerk's own record: CONTRACT.md section 3 has the clerk see assignments of types 1 to
 * 3 through their person and team 1, whatever the seed.
 */
function clerkOf(people: readonly SimPerson[]): number {
  const index = Math.min(practiceUser('clerk')?.personIndex ?? 1, people.length - 1)
  return people[index]?.IndvId ?? GUARANTEED_INDIVIDUAL_ID
}

function generatePeople(random: Random, count: number, firstId: number): SimPerson[] {
  const people: SimPerson[] = []
  let familyId = 1000
  while (people.length < count) {
    familyId++
    const lastName = pick(random, LAST_NAMES)
    const size = Math.min(pick(random, FAMILY_SIZES), count - people.length)
    const headIsWoman = chance(random, 0.5)
    const homePhone = chance(random, 0.6) ? phoneNumber(random) : ''
    const town = pick(random, TOWNS)
    const street = chance(random, 0.9)
      ? `${intBetween(random, 100, 9999)} ${pick(random, STREETS)}`
      : ''
    for (let member = 0; member < size; member++) {
      const adult = member < 2 && (member === 0 || chance(random, 0.85))
      const woman = member === 1 ? !headIsWoman : member === 0 ? headIsWoman : chance(random, 0.5)
      const firstName = pick(random, woman ? WOMEN_FIRST_NAMES : MEN_FIRST_NAMES)
      const nicknames = PREFERRED_NAMES.get(firstName)
      const goesBy = nicknames && chance(random, 0.4) ? pick(random, nicknames) : ''
      people.push({
        IndvId: firstId + people.length,
        FamId: familyId,
        FamilyPosition: member === 0 ? 'Head' : adult ? 'Spouse' : 'Child',
        FirstName: firstName,
        LastName: lastName,
        GoesByName: goesBy,
        Email: adult && chance(random, 0.8) ? email(random, goesBy || firstName, lastName) : '',
        PhoneNumber: adult ? (chance(random, 0.5) ? phoneNumber(random) : homePhone) : '',
        Address: street,
        City: street ? town.City : '',
        State: street ? town.State : '',
        Zipcode: street ? town.Zipcode : ''
      })
    }
  }
  return people
}

function generateTeams(random: Random, people: readonly SimPerson[], clerk: number): SimTeam[] {
  const adults = people.filter((person) => person.FamilyPosition !== 'Child')
  const pool = adults.length > 0 ? adults : people
  return [...TEAM_NAMES].map(([teamId, name]) => {
    const members = new Set<number>()
    const size = Math.min(pool.length, intBetween(random, 3, 8))
    while (members.size < size) members.add(pick(random, pool).IndvId)
    if (teamId === 1) members.add(clerk)
    return { TeamId: teamId, TeamName: name, members: [...members].sort((a, b) => a - b) }
  })
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

/**
 * The first few are fixed in kind so every seed has an open connection of each type, the
 * clerk's assignments of types 1 to 3, and a closed one; the rest are random.
 */
const FORCED: ReadonlyArray<{ typeId: number; assignee: 'clerk' | 'team 1' | 'random' }> = [
  { typeId: 1, assignee: 'clerk' },
  { typeId: 2, assignee: 'team 1' },
  { typeId: 3, assignee: 'team 1' },
  { typeId: 4, assignee: 'random' },
  { typeId: 5, assignee: 'random' }
]

function generateConnections(
  random: Random,
  people: readonly SimPerson[],
  teams: readonly SimTeam[],
  clerk: number,
  today: string
): SimConnection[] {
  const todayOrdinal = connectionDateOrdinal(today)
  if (todayOrdinal === undefined) throw new RangeError(`today must be MM/DD/YYYY, not ${today}`)
  const count = Math.max(20, Math.round(people.length / 8))
  const connections: SimConnection[] = []
  for (let index = 0; index < count; index++) {
    const forced = FORCED[index]
    const closed = index === FORCED.length || (index > FORCED.length && chance(random, 0.15))
    const typeId = forced?.typeId ?? intBetween(random, 1, CONNECTION_TYPES.length)
    const dueOffset = closed ? intBetween(random, -60, -1) : intBetween(random, -21, 28)
    const undated = chance(random, 0.05)
    const responses = RESPONSES_BY_TYPE.get(typeId) ?? []
    connections.push({
      ConnectionId: index + 1,
      ConnectionTypeId: typeId,
      ContactIndvId: pick(random, people).IndvId,
      FamilyConnection: chance(random, 0.2),
      assignee:
        forced?.assignee === 'clerk'
          ? { kind: 'person', indvId: clerk }
          : forced?.assignee === 'team 1'
            ? { kind: 'team', teamId: 1 }
            : randomAssignee(random, people, teams),
      DateCreated: dateFromOrdinal(todayOrdinal + dueOffset - intBetween(random, 3, 30)),
      DueDate: undated ? '' : dateFromOrdinal(todayOrdinal + dueOffset),
      Completed: closed,
      Comment: closed ? pick(random, LAST_COMMENTS.slice(1)) : pick(random, LAST_COMMENTS),
      responseIds: closed && responses.length > 0 ? [pick(random, responses).RespID] : []
    })
  }
  return connections
}

function randomAssignee(
  random: Random,
  people: readonly SimPerson[],
  teams: readonly SimTeam[]
): SimAssignee {
  const roll = random()
  if (roll < 0.45) return { kind: 'person', indvId: pick(random, people).IndvId }
  if (roll < 0.9) return { kind: 'team', teamId: pick(random, teams).TeamId }
  return { kind: 'none' }
}

function dateFromOrdinal(ordinal: number): string {
  const moment = new Date(ordinal * 86_400_000)
  return formatConnectionDate({
    year: moment.getUTCFullYear(),
    month: moment.getUTCMonth() + 1,
    day: moment.getUTCDate()
  })
}
