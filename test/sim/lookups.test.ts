import * as z from 'zod'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isConnectionDate } from '../../src/shared/change-request'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SiteClient, errorJson, type Username } from './support/site-client'

let site: PracticeSite
let client: SiteClient

const person = z.object({
  IndvId: z.int(),
  FamId: z.int(),
  FirstName: z.string(),
  LastName: z.string(),
  GoesByName: z.string().nullable(),
  FriendlyName: z.string(),
  Email: z.string().nullable(),
  PhoneNumber: z.string().nullable(),
  Address: z.string().nullable(),
  City: z.string(),
  State: z.string(),
  Zipcode: z.string()
})
type WirePerson = z.infer<typeof person>
const page = <T extends z.ZodType>(item: T) =>
  z.strictObject({
    Page: z.array(item),
    PageIndex: z.int(),
    PageCount: z.int(),
    PageSize: z.int()
  })
const assignment = z.object({
  ConnectionId: z.int(),
  ConnectionTypeId: z.int(),
  ConnectionTypeDescription: z.string(),
  ConnectionColor: z.string(),
  ContactType: z.string(),
  DueDate: z.string().nullable(),
  Completed: z.boolean(),
  ContactInformation: person,
  TeamMembers: z.array(person)
})
const summaryItem = z.object({
  ConnectionTypeId: z.int(),
  ConnectionTypeDescription: z.string(),
  EarliestDueDate: z.string().nullable(),
  TotalConnections: z.int(),
  ConnectionColor: z.string()
})

let everyone: WirePerson[]

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
  const pages = await Promise.all(
    [0, 1, 2, 3].map(async (index) =>
      page(person).parse(await client.getJson(`/individuals?q=%25&pageIndex=${index}&pageSize=500`))
    )
  )
  everyone = pages.flatMap((answer) => answer.Page)
})
afterAll(() => site.close())

async function assignmentsOf(as: Username, typeId: number) {
  return page(assignment).parse(
    await client.getJson(`/connections/assignments/${typeId}?pageSize=500`, as)
  ).Page
}

describe('connection types and responses', () => {
  const typesAnswer = z.array(
    z.object({
      ConnectionTypeId: z.int(),
      ConnectionCategory: z.enum(['I', 'O']),
      ConnectionTypeDesc: z.string().min(1),
      Permission: z.enum(['ALL', 'VIEW'])
    })
  )

  it.each([
    ['jadams', ['ALL', 'ALL', 'ALL', 'ALL', 'ALL']],
    ['clerk', ['ALL', 'ALL', 'VIEW', 'VIEW', 'VIEW']],
    ['readonly', ['VIEW', 'VIEW', 'VIEW', 'VIEW', 'VIEW']],
    ['nocomment', ['ALL', 'ALL', 'ALL', 'ALL', 'ALL']]
  ] as const)('types 1 to 5, with %s’s Permission on each', async (as, permissions) => {
    const types = typesAnswer.parse(await client.getJson('/types/connections', as))
    expect(types.map((type) => type.ConnectionTypeId)).toEqual([1, 2, 3, 4, 5])
    expect(types.map((type) => type.Permission)).toEqual(permissions)
  })

  it('each type has at least three responses; response ids are unique across types', async () => {
    const all: number[] = []
    for (const typeId of [1, 2, 3, 4, 5]) {
      const responses = z
        .array(z.object({ RespID: z.int(), Resp_Desc: z.string().min(1) }))
        .parse(await client.getJson(`/types/responses/${typeId}`))
      expect(responses.length).toBeGreaterThanOrEqual(3)
      all.push(...responses.map((response) => response.RespID))
    }
    expect(new Set(all).size).toBe(all.length)
  })

  it.each(['6', '0', 'abc', '-1'])('responses of type %s → 404', async (typeId) => {
    await errorJson(await client.get(`/types/responses/${typeId}`), 404)
  })
})

describe('teams', () => {
  it('team 1 exists, among a handful, each with its member count', async () => {
    const teams = z
      .array(z.object({ TeamId: z.int(), TeamName: z.string(), TeamMemberCount: z.int() }))
      .parse(await client.getJson('/connections/teams'))
    expect(teams.map((team) => team.TeamId)).toContain(1)
    expect(teams.length).toBeGreaterThanOrEqual(3)
    expect(teams.every((team) => team.TeamMemberCount >= 3)).toBe(true)
  })
})

describe('assignments', () => {
  it('jadams sees every open connection, summarized per type', async () => {
    const summary = page(summaryItem).parse(await client.getJson('/connections/assignments'))
    expect(summary.Page.map((item) => item.ConnectionTypeId)).toEqual([1, 2, 3, 4, 5])
    for (const item of summary.Page) {
      const assignments = await assignmentsOf('jadams', item.ConnectionTypeId)
      expect(assignments).toHaveLength(item.TotalConnections)
      expect(assignments.every((each) => !each.Completed)).toBe(true)
      const dates = assignments.flatMap((each) => (each.DueDate ? [each.DueDate] : []))
      expect(dates.every(isConnectionDate)).toBe(true)
      const earliest = [...dates].sort((a, b) => Date.parse(a) - Date.parse(b))[0]
      expect(item.EarliestDueDate).toBe(earliest ?? null)
    }
  })

  it('the clerk sees only what is assigned to them or to their team, of types 1, 2 and 3', async () => {
    const account = z.object({ IndvId: z.int() }).parse(await client.getJson('/account', 'clerk'))
    const summary = page(summaryItem).parse(
      await client.getJson('/connections/assignments', 'clerk')
    )
    const types = summary.Page.map((item) => item.ConnectionTypeId)
    expect(types).toEqual(expect.arrayContaining([1, 2, 3]))
    let seen = 0
    for (const typeId of types) {
      for (const each of await assignmentsOf('clerk', typeId)) {
        expect(each.TeamMembers.map((member) => member.IndvId)).toContain(account.IndvId)
        seen++
      }
    }
    const everyOpen = (
      await Promise.all([1, 2, 3, 4, 5].map((t) => assignmentsOf('jadams', t)))
    ).flat().length
    expect(seen).toBeGreaterThan(0)
    expect(seen).toBeLessThan(everyOpen)
  })

  it('pages from index 0, serves at most 500, and answers past the end with an empty page', async () => {
    const all = await assignmentsOf('jadams', 1)
    const second = page(assignment).parse(
      await client.getJson('/connections/assignments/1?pageIndex=1&pageSize=7')
    )
    expect(second).toMatchObject({
      PageIndex: 1,
      PageSize: 7,
      PageCount: Math.ceil(all.length / 7)
    })
    expect(second.Page).toEqual(all.slice(7, 14))
    const beyond = page(assignment).parse(
      await client.getJson('/connections/assignments/1?pageIndex=999&pageSize=7')
    )
    expect(beyond.Page).toEqual([])
    const capped = page(assignment).parse(
      await client.getJson('/connections/assignments/1?pageSize=600')
    )
    expect(capped.PageSize).toBe(500)
    const defaults = page(assignment).parse(await client.getJson('/connections/assignments/1'))
    expect(defaults).toMatchObject({ PageIndex: 0, PageSize: 50 })
  })

  it.each([
    ['pageIndex=-1', /pageIndex/],
    ['pageIndex=x', /pageIndex/],
    ['pageSize=0', /pageSize/],
    ['pageSize=1.5', /pageSize/]
  ])('%s → 400 with a message', async (query, message) => {
    const error = await errorJson(await client.get(`/connections/assignments?${query}`), 400)
    expect(error.Message).toMatch(message)
  })

  it('an unknown type → 404', async () => {
    await errorJson(await client.get('/connections/assignments/9'), 404)
  })
})

describe('a connection’s details', () => {
  it('carry the comment, responses, dates, and the user’s PermissionLevel', async () => {
    const [first] = await assignmentsOf('jadams', 3)
    const path = `/connections/${first?.ConnectionId}?includeSelf=true`
    const details = z
      .object({
        ConnectionId: z.int(),
        ConnectionTypeId: z.literal(3),
        FamId: z.int(),
        FamilyConnection: z.boolean(),
        DateCreated: z.string().refine(isConnectionDate),
        PermissionLevel: z.string(),
        TeamMemberCount: z.int(),
        Responses: z.array(z.object({ RespID: z.int(), Resp_Desc: z.string() })),
        ContactInformation: person,
        TeamMembers: z.array(person)
      })
      .parse(await client.getJson(path))
    expect(details.ConnectionId).toBe(first?.ConnectionId)
    expect(details.TeamMemberCount).toBe(details.TeamMembers.length)
    expect(details.PermissionLevel).toBe('ALL')
    expect(await client.getJson(path, 'clerk')).toMatchObject({ PermissionLevel: 'VIEW' })
  })

  it('of an unknown connection → 404 naming it', async () => {
    for (const id of ['999999', '0', 'abc']) {
      const error = await errorJson(await client.get(`/connections/${id}`), 404)
      expect(error.Message).toContain(id)
    }
  })
})

describe('individuals', () => {
  it('q=% lists all 2,000 people in pages of at most 500, individual 76 among them', async () => {
    expect(everyone).toHaveLength(2000)
    const ids = everyone.map((each) => each.IndvId)
    expect(new Set(ids).size).toBe(2000)
    expect(ids).toContain(76)
    const capped = page(person).parse(await client.getJson('/individuals?q=%25&pageSize=1000'))
    expect(capped).toMatchObject({ PageSize: 500, PageCount: 4 })
  })

  it('come in families that share a FamId, a last name and an address', () => {
    const families = new Map<number, WirePerson[]>()
    for (const each of everyone)
      families.set(each.FamId, [...(families.get(each.FamId) ?? []), each])
    const sizes = [...families.values()].map((members) => members.length)
    expect(sizes.some((size) => size >= 3)).toBe(true)
    for (const members of families.values()) {
      expect(new Set(members.map((each) => `${each.LastName} ${each.Address}`)).size).toBe(1)
    }
  })

  it('some go by another name and have e-mails and phones; some do not (null)', () => {
    for (const field of ['GoesByName', 'Email', 'PhoneNumber'] as const) {
      const filled = everyone.filter((each) => each[field] !== null).length / everyone.length
      expect(filled, field).toBeGreaterThan(0.05)
      expect(filled, field).toBeLessThan(0.95)
    }
  })

  it.each([
    ['smi', (name: string) => name.startsWith('smi')],
    ['SMI', (name: string) => name.startsWith('smi')],
    ['%son', (name: string) => name.includes('son')],
    ['m_r', (name: string) => /^m.r/.test(name)]
  ])('q=%j matches last, first, goes-by or "first last" like SQL LIKE', async (q, test) => {
    const expected = everyone.filter((each) =>
      [
        each.LastName,
        each.FirstName,
        each.GoesByName ?? '',
        `${each.FirstName} ${each.LastName}`
      ].some((name) => test(name.toLowerCase()))
    )
    const found = page(person).parse(
      await client.getJson(`/individuals?q=${encodeURIComponent(q)}&pageSize=500`)
    )
    expect(found.Page.map((each) => each.IndvId)).toEqual(
      expected.slice(0, 500).map((each) => each.IndvId)
    )
  })

  it('a first and last name together find the person', async () => {
    const someone = everyone[10] as WirePerson
    const q = `${someone.FirstName} ${someone.LastName}`
    const found = page(person).parse(
      await client.getJson(`/individuals?q=${encodeURIComponent(q)}&pageSize=500`)
    )
    expect(found.Page.map((each) => each.IndvId)).toContain(someone.IndvId)
  })

  it('a query nobody matches gives PageCount 0', async () => {
    const found = page(person).parse(await client.getJson('/individuals?q=zzzzqqq'))
    expect(found).toMatchObject({ Page: [], PageCount: 0, PageSize: 50 })
  })

  it('/individuals/{id} answers the detail spelling: PrimFamily, GoesbyName, lists', async () => {
    const someone = everyone.find((each) => each.Email && each.Address) as WirePerson
    const detail = z
      .object({
        IndvId: z.int(),
        PrimFamily: z.int(),
        GoesbyName: z.string().nullable(),
        Emails: z.array(z.object({ Email: z.string(), Preferred: z.boolean() })),
        Addresses: z.array(z.object({ Address: z.string(), City: z.string() })),
        Phones: z.array(z.unknown()),
        FamilyMembers: z.array(person)
      })
      .parse(await client.getJson(`/individuals/${someone.IndvId}`))
    expect(detail).toMatchObject({
      IndvId: someone.IndvId,
      PrimFamily: someone.FamId,
      GoesbyName: someone.GoesByName,
      Emails: [{ Email: someone.Email, Preferred: true }],
      Addresses: [{ Address: someone.Address, City: someone.City }]
    })
    expect(detail).not.toHaveProperty('GoesByName')
    await errorJson(await client.get('/individuals/9999999'), 404)
  })

  it('/individuals/{id}/connections lists the connections they are contact or assignee of', async () => {
    const [first] = await assignmentsOf('jadams', 1)
    const contact = first?.ContactInformation.IndvId
    const theirs = page(z.object({ ConnectionId: z.int(), Completed: z.boolean() })).parse(
      await client.getJson(`/individuals/${contact}/connections?pageSize=500`)
    )
    expect(theirs.Page.map((each) => each.ConnectionId)).toContain(first?.ConnectionId)
    const member = first?.TeamMembers[0]?.IndvId
    const assigned = page(z.object({ ConnectionId: z.int() })).parse(
      await client.getJson(`/individuals/${member}/connections?pageSize=500`)
    )
    expect(assigned.Page.map((each) => each.ConnectionId)).toContain(first?.ConnectionId)
    await errorJson(await client.get('/individuals/9999999/connections'), 404)
  })
})

describe('the old invented endpoints are gone', () => {
  it.each(['/connectiontypes', '/connectiontypes/1/responses', '/connectionteams'])(
    '%s → 404',
    async (path) => {
      await errorJson(await client.get(path), 404)
    }
  )

  it('GET /connections (a list of every connection) → 405, only POST', async () => {
    const response = await client.get('/connections?status=open')
    await errorJson(response, 405)
    expect(response.headers.get('allow')).toBe('POST')
  })
})
