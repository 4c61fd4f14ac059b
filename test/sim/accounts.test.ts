import * as z from 'zod'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  PRACTICE_SITE_NUMBER,
  SECOND_PRACTICE_SITE_NUMBER,
  SECOND_SITE_PEOPLE,
  startPracticeSite,
  type PracticeSite
} from '../../src/sim'
import {
  JSON_TYPE,
  SiteClient,
  basicAuth,
  errorJson,
  okJson,
  passwordOf,
  type Username
} from './support/site-client'
import { SEED_EXAMPLE } from '../shared/support/bodies'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

const account = z.strictObject({
  SiteNumber: z.int(),
  SiteName: z.string().min(1),
  Email: z.string(),
  UserName: z.string(),
  FullName: z.string().min(1),
  SecurityRole: z.enum(['Administrator', 'Staff', 'Layleader', 'Member', 'Nonmember']),
  CalendarDisabled: z.boolean(),
  UnifiedLoginID: z.null(),
  IndvId: z.int(),
  FamId: z.int(),
  OrgsAvailable: z.boolean(),
  Rights: z.record(z.string(), z.enum(['A', 'V', 'N']))
})

const EVERY_RIGHT = [
  'ReassignConnection',
  'AssignContacts',
  'AssignedContactsOnly',
  'ViewOutreachHistory',
  'MemberSearch',
  'LocatePerson',
  'ViewAddComments',
  'CreateChangeRequest'
]

function findByEmail(body: unknown, init: RequestInit = {}): Promise<Response> {
  return fetch(`${site.baseUrl}/accounts/findbyemail`, {
    method: 'PUT',
    headers: { 'Content-Type': JSON_TYPE, Accept: 'application/json' },
    body: JSON.stringify(body),
    ...init
  })
}

describe('GET /{site}/account', () => {
  it.each([
    ['jadams', 'Administrator', {}],
    ['clerk', 'Staff', { AssignContacts: 'V' }],
    [
      'readonly',
      'Member',
      {
        ReassignConnection: 'N',
        AssignContacts: 'N',
        AssignedContactsOnly: 'N',
        ViewOutreachHistory: 'N',
        ViewAddComments: 'V',
        CreateChangeRequest: 'N'
      }
    ],
    ['nocomment', 'Staff', { ViewAddComments: 'V' }]
  ] as const)(
    '%s: role %s and the rights map of CONTRACT.md section 3',
    async (as, role, except) => {
      const answer = account.parse(await client.getJson('/account', as))
      expect(answer).toMatchObject({
        SiteNumber: PRACTICE_SITE_NUMBER,
        Email: `${as}@practice.example`,
        UserName: as,
        SecurityRole: role
      })
      const expected = Object.fromEntries(
        EVERY_RIGHT.map((key) => [key, (except as Record<string, string>)[key] ?? 'A'])
      )
      expect(answer.Rights).toEqual(expected)
    }
  )

  it('names an individual of the directory, different for each user', async () => {
    const ids = new Set<number>()
    for (const as of ['jadams', 'clerk', 'readonly', 'nocomment'] as const) {
      const answer = account.parse(await client.getJson('/account', as))
      const detail = z
        .object({ IndvId: z.int(), PrimFamily: z.int(), FirstName: z.string() })
        .parse(await client.getJson(`/individuals/${answer.IndvId}`))
      expect(detail.PrimFamily).toBe(answer.FamId)
      expect(answer.FullName).toContain(detail.FirstName)
      ids.add(answer.IndvId)
    }
    expect(ids.size).toBe(4)
  })

  it('a wrong password → 401', async () => {
    await errorJson(await client.get('/account', 'clerk', basicAuth('clerk', 'nope')), 401)
  })
})

describe('PUT /accounts/findbyemail', () => {
  it.each(['jadams', 'clerk', 'readonly', 'nocomment'] as const)(
    '%s’s e-mail and password find their account, without Basic authorization',
    async (username: Username) => {
      const answer = z.array(account).parse(
        await okJson(
          await findByEmail({
            email: `${username}@practice.example`,
            password: passwordOf(username)
          })
        )
      )
      expect(answer.map((each) => each.UserName)).toEqual(
        username === 'jadams' ? ['jadams', 'jadams'] : [username]
      )
      expect(answer[0]).toEqual(account.parse(await client.getJson('/account', username)))
    }
  )

  it('jadams may use two practice sites, each with its own name', async () => {
    const answer = z
      .array(account)
      .parse(
        await okJson(
          await findByEmail({ Email: 'JAdams@Practice.Example', Password: 'password231' })
        )
      )
    expect(answer.map((each) => each.SiteNumber)).toEqual([
      PRACTICE_SITE_NUMBER,
      SECOND_PRACTICE_SITE_NUMBER
    ])
    expect(new Set(answer.map((each) => each.SiteName)).size).toBe(2)
  })

  it.each([
    ['a wrong password', { email: 'clerk@practice.example', password: 'password231' }],
    ['an unknown e-mail', { email: 'mallory@practice.example', password: 'password231' }]
  ])('%s → 401', async (_, body) => {
    await errorJson(await findByEmail(body), 401)
  })

  it('a revoked user → 401; a changed password is the new one', async () => {
    await client.setFaults({ revokedUsers: ['clerk'], passwords: { nocomment: 'new-pass-2' } })
    await errorJson(
      await findByEmail({ email: 'clerk@practice.example', password: 'clerk-pass-1' }),
      401
    )
    await okJson(await findByEmail({ email: 'nocomment@practice.example', password: 'new-pass-2' }))
  })

  it('a body without both fields → 400; another method → 405', async () => {
    await errorJson(await findByEmail({ email: 'clerk@practice.example' }), 400)
    await errorJson(await findByEmail(null, { body: 'not json' }), 400)
    const response = await fetch(`${site.baseUrl}/accounts/findbyemail`)
    await errorJson(response, 405)
    expect(response.headers.get('allow')).toBe('PUT')
  })
})

describe('the second practice site', () => {
  const second = (path: string, as: Username = 'jadams') =>
    fetch(`${site.baseUrl}/${SECOND_PRACTICE_SITE_NUMBER}${path}`, {
      headers: client.headersFor(as)
    })

  it('has its own small directory', async () => {
    const people = z
      .object({ Page: z.array(z.object({ IndvId: z.int(), LastName: z.string() })) })
      .parse(await okJson(await second('/individuals?q=%25&pageSize=500')))
    expect(people.Page).toHaveLength(SECOND_SITE_PEOPLE)
    const first = z
      .object({ Page: z.array(z.object({ IndvId: z.int(), LastName: z.string() })) })
      .parse(await client.getJson(`/individuals?q=%25&pageSize=${SECOND_SITE_PEOPLE}`))
    expect(people.Page).not.toEqual(first.Page)
  })

  it('answers jadams’s account there, and 401 to the other users', async () => {
    const answer = account.parse(await okJson(await second('/account')))
    expect(answer.SiteNumber).toBe(SECOND_PRACTICE_SITE_NUMBER)
    for (const as of ['clerk', 'readonly', 'nocomment'] as const) {
      await errorJson(await second('/account', as), 401)
    }
  })

  it('records change requests with their site; any other site → 404', async () => {
    const response = await client.post(
      { ...SEED_EXAMPLE, ConnectionDate: '03/14/2025', Comment: 'At the second site' },
      { site: SECOND_PRACTICE_SITE_NUMBER }
    )
    await okJson(response)
    expect((await client.changeRequests()).map((each) => each.SiteNumber)).toEqual([
      SECOND_PRACTICE_SITE_NUMBER
    ])
    const unknown = await fetch(`${site.baseUrl}/12347/account`, {
      headers: client.headersFor('jadams')
    })
    await errorJson(unknown, 404)
  })
})
