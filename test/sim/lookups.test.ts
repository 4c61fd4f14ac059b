import * as z from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  connectionDetailsSchema,
  connectionResponseSchema,
  connectionTypeSchema,
  individualSchema,
  pagedSchema,
  teamSchema,
  type Individual
} from '../../src/shared/legacy-lookups'
import { isConnectionDate } from '../../src/shared/change-request'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SiteClient, errorJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient
let everyone: Individual[]

const pagedPeople = pagedSchema(individualSchema)
const pagedConnections = pagedSchema(connectionDetailsSchema)

beforeAll(async () => {
  site = await startPracticeSite({ port: 0 })
  client = new SiteClient(site)
  const pages = await Promise.all(
    [1, 2].map(async (page) =>
      pagedPeople.parse(await client.getJson(`/individuals?page=${page}&pageSize=1000`))
    )
  )
  everyone = pages.flatMap((page) => page.Items)
})
afterAll(() => site.close())

describe('connection types and responses', () => {
  it('types 1 to 5, each active', async () => {
    const types = z.array(connectionTypeSchema).parse(await client.getJson('/connectiontypes'))
    expect(types.map((type) => type.ConnectionTypeId)).toEqual([1, 2, 3, 4, 5])
    expect(types.every((type) => type.Active && type.Description.length > 0)).toBe(true)
  })

  it('each type has at least three responses; response ids are unique across types', async () => {
    const all: number[] = []
    for (const typeId of [1, 2, 3, 4, 5]) {
      const responses = z
        .array(connectionResponseSchema)
        .parse(await client.getJson(`/connectiontypes/${typeId}/responses`))
      expect(responses.length).toBeGreaterThanOrEqual(3)
      all.push(...responses.map((response) => response.ResponseId))
    }
    expect(new Set(all).size).toBe(all.length)
  })

  it.each(['6', '0', 'abc', '-1'])('responses of type %s → 404', async (typeId) => {
    await errorJson(await client.get(`/connectiontypes/${typeId}/responses`), 404)
  })
})

describe('teams', () => {
  it('team 1 exists, among a handful', async () => {
    const teams = z.array(teamSchema).parse(await client.getJson('/connectionteams'))
    expect(teams.map((team) => team.TeamId)).toContain(1)
    expect(teams.length).toBeGreaterThanOrEqual(3)
  })
})

describe('individuals', () => {
  it('2,000 people by default, ordered by IndvId, individual 76 among them', () => {
    expect(everyone).toHaveLength(2000)
    const indvIds = everyone.map((person) => person.IndvId)
    expect(indvIds).toEqual([...indvIds].sort((a, b) => a - b))
    expect(new Set(indvIds).size).toBe(2000)
    expect(indvIds).toContain(76)
  })

  it('come in families that share a FamilyId and a last name', () => {
    const families = new Map<number, Individual[]>()
    for (const person of everyone) {
      families.set(person.FamilyId, [...(families.get(person.FamilyId) ?? []), person])
    }
    const sizes = [...families.values()].map((members) => members.length)
    expect(sizes.some((size) => size >= 3)).toBe(true)
    expect(sizes.some((size) => size === 1)).toBe(true)
    for (const members of families.values()) {
      expect(new Set(members.map((person) => person.LastName)).size).toBe(1)
    }
  })

  it('some have preferred names, emails and phones; some do not', () => {
    const share = (test: (person: Individual) => boolean) =>
      everyone.filter(test).length / everyone.length
    for (const field of ['PreferredName', 'Email', 'Phone'] as const) {
      const filled = share((person) => person[field] !== '')
      expect(filled, field).toBeGreaterThan(0.05)
      expect(filled, field).toBeLessThan(0.95)
    }
    const emails = everyone.filter((person) => person.Email !== '')
    expect(
      emails.every((person) => /^[a-z]+\.[a-z]+\d*@example\.(org|net)$/.test(person.Email))
    ).toBe(true)
  })

  it('pages follow on from each other; the default page size is 100', async () => {
    const first = pagedPeople.parse(await client.getJson('/individuals'))
    expect(first).toMatchObject({ Page: 1, PageSize: 100, TotalCount: 2000 })
    expect(first.Items).toEqual(everyone.slice(0, 100))
    const third = pagedPeople.parse(await client.getJson('/individuals?page=3&pageSize=7'))
    expect(third.Items).toEqual(everyone.slice(14, 21))
    const last = pagedPeople.parse(await client.getJson('/individuals?page=3&pageSize=999'))
    expect(last.Items).toEqual(everyone.slice(1998))
    const beyond = pagedPeople.parse(await client.getJson('/individuals?page=50&pageSize=1000'))
    expect(beyond).toMatchObject({ Items: [], Page: 50, TotalCount: 2000 })
  })

  it.each([
    ['page=0', /page/],
    ['page=-1', /page/],
    ['page=1.5', /page/],
    ['page=x', /page/],
    ['pageSize=0', /pageSize/],
    ['pageSize=1001', /1,000/],
    ['pageSize=ten', /pageSize/]
  ])('%s → 400 with a message', async (query, message) => {
    const error = await errorJson(await client.get(`/individuals?${query}`), 400)
    expect(error.Message).toMatch(message)
  })

  it('an empty page or pageSize means the default', async () => {
    const page = pagedPeople.parse(await client.getJson('/individuals?q=&page=&pageSize='))
    expect(page).toMatchObject({ Page: 1, PageSize: 100, TotalCount: 2000 })
  })

  it.each(['smith', 'SMITH', 'ar', 'bob', 'é', '  mar  '])(
    'q=%j matches first, last or preferred name, ignoring case',
    async (q) => {
      const needle = q.trim().toLowerCase()
      const expected = everyone.filter((person) =>
        [person.FirstName, person.LastName, person.PreferredName].some((name) =>
          name.toLowerCase().includes(needle)
        )
      )
      const page = pagedPeople.parse(
        await client.getJson(`/individuals?q=${encodeURIComponent(q)}&pageSize=1000`)
      )
      expect(page.TotalCount).toBe(expected.length)
      expect(page.Items).toEqual(expected.slice(0, 1000))
    }
  )

  it('a preferred name finds its person', async () => {
    const nicknamed = everyone.find((person) => person.PreferredName !== '')
    if (!nicknamed) throw new Error('nobody has a preferred name')
    const page = pagedPeople.parse(
      await client.getJson(
        `/individuals?q=${encodeURIComponent(nicknamed.PreferredName)}&pageSize=1000`
      )
    )
    expect(page.Items).toContainEqual(nicknamed)
  })

  it('a query nobody matches gives an empty page', async () => {
    const page = pagedPeople.parse(await client.getJson('/individuals?q=zzzzqqq'))
    expect(page).toMatchObject({ Items: [], TotalCount: 0 })
  })
})

describe('connections', () => {
  async function all(status: string) {
    return pagedConnections.parse(
      await client.getJson(`/connections?status=${status}&pageSize=1000`)
    )
  }

  it('status=open lists only open ones, of types 1 and 3 at least', async () => {
    const open = await all('open')
    expect(open.Items.every((connection) => connection.Status === 'Open')).toBe(true)
    const types = new Set(open.Items.map((connection) => connection.ConnectionTypeId))
    expect([...types].sort()).toEqual([1, 2, 3, 4, 5])
  })

  it('status=all includes closed ones, ordered by ConnectionId', async () => {
    const every = await all('all')
    const open = await all('open')
    expect(every.TotalCount).toBeGreaterThan(open.TotalCount)
    expect(every.Items.some((connection) => connection.Status === 'Closed')).toBe(true)
    const connectionIds = every.Items.map((connection) => connection.ConnectionId)
    expect(connectionIds).toEqual([...connectionIds].sort((a, b) => a - b))
    expect(await all('ALL')).toEqual(every)
  })

  it('look like a church’s: teams, callers, due dates around now, some overdue', async () => {
    const open = (await all('open')).Items
    expect(open.some((connection) => connection.TeamId > 0)).toBe(true)
    expect(open.some((connection) => connection.CallerIndvId > 0)).toBe(true)
    expect(
      open.every((connection) => connection.TeamId === -1 || connection.CallerIndvId === -1)
    ).toBe(true)
    const dated = open.filter((connection) => connection.DueDate !== '')
    expect(dated.every((connection) => isConnectionDate(connection.DueDate))).toBe(true)
    const now = Date.now()
    const due = dated.map((connection) => Date.parse(connection.DueDate))
    expect(due.some((time) => time < now)).toBe(true)
    expect(due.some((time) => time > now)).toBe(true)
    expect(open.some((connection) => connection.LastComment !== '')).toBe(true)
    const people = new Set(everyone.map((person) => person.IndvId))
    expect(open.every((connection) => people.has(connection.ContactIndvId))).toBe(true)
  })

  it('a bad status → 400', async () => {
    const error = await errorJson(await client.get('/connections?status=closed'), 400)
    expect(error.Message).toMatch(/open or all/)
  })

  it('pages like individuals do', async () => {
    const every = await all('all')
    const second = pagedConnections.parse(
      await client.getJson('/connections?status=all&page=2&pageSize=10')
    )
    expect(second.Items).toEqual(every.Items.slice(10, 20))
    await errorJson(await client.get('/connections?pageSize=5000'), 400)
  })

  it('GET /connections/{id} gives the same details; unknown → 404', async () => {
    const every = await all('all')
    for (const connection of [every.Items[0], every.Items.at(-1)]) {
      expect(await client.getJson(`/connections/${connection?.ConnectionId}`)).toEqual(connection)
    }
    for (const id of ['999999', '0', 'abc']) {
      const error = await errorJson(await client.get(`/connections/${id}`), 404)
      expect(error.Message).toContain(id)
    }
  })
})
