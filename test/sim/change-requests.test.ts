import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  CHANGE_REQUEST_FIELDS,
  FIELDS_REQUIRED_FOR_EXISTING
} from '../../src/shared/change-request'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { readChurchIds, type ChurchIds } from './support/church-ids'
import { SiteClient, acceptedId, basicAuth, errorJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient
let ids: ChurchIds

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
  ids = await readChurchIds(client)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

function openOfType(typeId: number) {
  const connection = ids.open.find((candidate) => candidate.ConnectionTypeId === typeId)
  if (!connection) throw new Error(`no open connection of type ${typeId}`)
  return connection
}

function existing(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const connection = openOfType(1)
  return {
    ConnectionId: connection.ConnectionId,
    Complete: true,
    ConnectionDate: '11/02/2025',
    ConnectionTypeId: connection.ConnectionTypeId,
    FamilyConnection: connection.FamilyConnection,
    ContactIndvId: connection.ContactIndvId,
    OpenCategoryId: 1,
    Reassign: false,
    NewCallerIndvId: -1,
    NewTeamId: -1,
    Comment: 'Visited on Sunday',
    ResponseIdList: [101],
    ...overrides
  }
}

function minimal(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(FIELDS_REQUIRED_FOR_EXISTING.map((field) => [field, body[field]]))
}

describe('the seed example', () => {
  it('posted as jadams answers 200 with an id, recorded but not applied', async () => {
    const id = await acceptedId(await client.post(SEED_EXAMPLE))
    expect(id).toBe(1001)
    const log = await client.changeRequests()
    expect(log).toHaveLength(1)
    expect(log[0]).toMatchObject({ ConnectionCRId: 1001, User: 'jadams', IdempotencyKey: null })
    expect(log[0]?.Body).toEqual(SEED_EXAMPLE)
    expect(new Date(log[0]?.ReceivedAt ?? '').toISOString()).toBe(log[0]?.ReceivedAt)
  })

  it('works with an Authorization header built from the seed’s credentials', async () => {
    const authorization = 'Basic ' + btoa('jadams:password231')
    expect(authorization).toBe(basicAuth('jadams', 'password231'))
    expect(await acceptedId(await client.post(SEED_EXAMPLE, { authorization }))).toBe(1001)
  })

  it('ids increase with every change request', async () => {
    const first = await acceptedId(await client.post(SEED_EXAMPLE))
    const second = await acceptedId(await client.post(SEED_EXAMPLE))
    expect(second).toBe(first + 1)
  })
})

describe('the four operations, valid', () => {
  it.each([
    ['complete', () => existing()],
    ['complete (required fields only)', () => minimal(existing())],
    ['keep open', () => existing({ Complete: false })],
    ['keep open (required fields only)', () => minimal(existing({ Complete: false }))],
    [
      'reassign to a person',
      () => existing({ Complete: false, Reassign: true, NewCallerIndvId: 76 })
    ],
    ['reassign to a team', () => existing({ Complete: false, Reassign: true, NewTeamId: 1 })],
    [
      'reassign (required fields only)',
      () => minimal(existing({ Complete: false, Reassign: true, NewTeamId: 1 }))
    ],
    ['new, made by a person', () => ({ ...SEED_EXAMPLE, NewCallerIndvId: 76, NewTeamId: -1 })],
    [
      'new, already completed, with responses',
      () => ({ ...SEED_EXAMPLE, Complete: true, ResponseIdList: [101, 102] })
    ],
    ['new of type 3', () => ({ ...SEED_EXAMPLE, ConnectionTypeId: 3, ResponseIdList: [301] })]
  ])('%s → 200', async (_, body) => {
    await acceptedId(await client.post(body()))
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('the connection stays open after a completing change request (it is only recorded)', async () => {
    const connection = openOfType(1)
    await acceptedId(await client.post(existing()))
    const after = (await client.getJson(`/connections/${connection.ConnectionId}`)) as {
      Completed: boolean
    }
    expect(after.Completed).toBe(false)
    await acceptedId(await client.post(existing()))
  })
})

describe('invalid bodies answer 400 with ModelState naming the field', () => {
  it.each([
    [
      'Complete and Reassign both true',
      () => existing({ Reassign: true, NewTeamId: 1 }),
      'Reassign'
    ],
    ['a reassignment to nobody', () => existing({ Complete: false, Reassign: true }), 'NewTeamId'],
    [
      'a reassignment to both',
      () => existing({ Complete: false, Reassign: true, NewTeamId: 1, NewCallerIndvId: 76 }),
      'NewCallerIndvId'
    ],
    ['a new connection for nobody', () => ({ ...SEED_EXAMPLE, NewTeamId: -1 }), 'NewTeamId'],
    [
      'a new connection for both',
      () => ({ ...SEED_EXAMPLE, NewCallerIndvId: 76 }),
      'NewCallerIndvId'
    ],
    ['a complete naming a caller', () => existing({ NewCallerIndvId: 76 }), 'NewCallerIndvId'],
    ['"76" for 76', () => ({ ...SEED_EXAMPLE, ContactIndvId: '76' }), 'ContactIndvId'],
    ['1.5 for a type', () => ({ ...SEED_EXAMPLE, ConnectionTypeId: 1.5 }), 'ConnectionTypeId'],
    ['null for a comment', () => ({ ...SEED_EXAMPLE, Comment: null }), 'Comment'],
    ['02/30/2025', () => ({ ...SEED_EXAMPLE, ConnectionDate: '02/30/2025' }), 'ConnectionDate'],
    ['an empty response list', () => ({ ...SEED_EXAMPLE, ResponseIdList: [] }), 'ResponseIdList'],
    ['[-1, 3]', () => ({ ...SEED_EXAMPLE, ResponseIdList: [-1, 3] }), 'ResponseIdList'],
    ['OpenCategoryId 2', () => ({ ...SEED_EXAMPLE, OpenCategoryId: 2 }), 'OpenCategoryId'],
    [
      'a 2,001-character comment',
      () => ({ ...SEED_EXAMPLE, Comment: 'x'.repeat(2001) }),
      'Comment'
    ],
    ['a JSON array', () => [SEED_EXAMPLE], 'request']
  ])('%s', async (_, body, field) => {
    const error = await errorJson(await client.post(body()), 400)
    expect(error.ModelState?.[field]?.length).toBeGreaterThan(0)
    expect(await client.changeRequests()).toEqual([])
  })

  it.each(CHANGE_REQUEST_FIELDS.map((field) => [field]))(
    'a new connection without %s',
    async (field) => {
      const body: Record<string, unknown> = { ...SEED_EXAMPLE }
      delete body[field]
      const error = await errorJson(await client.post(body), 400)
      expect(Object.keys(error.ModelState ?? {})).toContain(field)
    }
  )

  it.each(FIELDS_REQUIRED_FOR_EXISTING.map((field) => [field]))(
    'a complete without %s',
    async (field) => {
      const body = existing()
      delete body[field]
      const error = await errorJson(await client.post(body), 400)
      expect(Object.keys(error.ModelState ?? {})).toContain(field)
    }
  )
})

describe('checks against the church', () => {
  it('an unknown ConnectionId → 404', async () => {
    const error = await errorJson(await client.post(existing({ ConnectionId: 999_999 })), 404)
    expect(error.Message).toContain('999999')
  })

  it('a closed connection → 400 naming ConnectionId', async () => {
    const closed = ids.closed[0]
    if (!closed) throw new Error('the church has no closed connection')
    const body = { ...minimal(existing()), ConnectionId: closed.ConnectionId, ResponseIdList: [-1] }
    const error = await errorJson(await client.post(body), 400)
    expect(error.ModelState?.ConnectionId?.[0]).toMatch(/closed/)
  })

  it.each([
    ['an unknown type', { ConnectionTypeId: 99 }, 'ConnectionTypeId'],
    ['an unknown contact', { ContactIndvId: 9_999_999 }, 'ContactIndvId'],
    ['an unknown caller', { NewCallerIndvId: 9_999_999, NewTeamId: -1 }, 'NewCallerIndvId'],
    ['an unknown team', { NewTeamId: 999 }, 'NewTeamId'],
    ['a response of another type', { ResponseIdList: [301] }, 'ResponseIdList'],
    ['a response that does not exist', { ResponseIdList: [101, 9999] }, 'ResponseIdList']
  ])('a new connection with %s → 400', async (_, overrides, field) => {
    const error = await errorJson(await client.post({ ...SEED_EXAMPLE, ...overrides }), 400)
    expect(Object.keys(error.ModelState ?? {})).toEqual([field])
  })

  it('responses are checked against the existing connection’s type', async () => {
    const body = minimal(existing({ ResponseIdList: [301] }))
    const error = await errorJson(await client.post(body), 400)
    expect(error.ModelState?.ResponseIdList?.[0]).toMatch(/type 1/)
  })

  it('a ConnectionTypeId that contradicts the existing connection → 400', async () => {
    const error = await errorJson(
      await client.post(existing({ ConnectionTypeId: 2, ResponseIdList: [-1] })),
      400
    )
    expect(Object.keys(error.ModelState ?? {})).toEqual(['ConnectionTypeId'])
  })

  it('a reassignment to an unknown team → 400', async () => {
    const body = existing({ Complete: false, Reassign: true, NewTeamId: 4242 })
    const error = await errorJson(await client.post(body), 400)
    expect(Object.keys(error.ModelState ?? {})).toEqual(['NewTeamId'])
  })
})
