import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { readChurchIds, type ChurchIds } from './support/church-ids'
import {
  SiteClient,
  acceptedId,
  basicAuth,
  errorJson,
  okJson,
  type Username
} from './support/site-client'

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

const ofType = (typeId: number) => ({
  ...SEED_EXAMPLE,
  ConnectionTypeId: typeId,
  ResponseIdList: [-1]
})

function completeOfType(typeId: number) {
  const connection = ids.open.find((candidate) => candidate.ConnectionTypeId === typeId)
  if (!connection) throw new Error(`no open connection of type ${typeId}`)
  return {
    ConnectionId: connection.ConnectionId,
    Complete: true,
    ConnectionDate: '11/02/2025',
    Reassign: false,
    NewCallerIndvId: -1,
    NewTeamId: -1,
    Comment: '',
    ResponseIdList: [-1]
  }
}

describe('authentication comes first', () => {
  it.each([
    ['no Authorization header', null],
    ['a wrong password', basicAuth('jadams', 'password232')],
    ['an unknown user', basicAuth('mallory', 'password231')],
    ['an empty password', basicAuth('jadams', '')],
    ['another scheme', 'Bearer password231'],
    ['garbage', 'Basic !!!'],
    ['no colon', `Basic ${btoa('jadams')}`]
  ])('%s → 401 with WWW-Authenticate: Basic', async (_, authorization) => {
    for (const response of [
      await client.post(SEED_EXAMPLE, { authorization }),
      await client.get('/types/connections', 'jadams', authorization),
      // Even an unknown site or path is not revealed before signing in.
      await fetch(`${site.baseUrl}/99999/nothing`, {
        headers: authorization ? { Authorization: authorization } : {}
      })
    ]) {
      const error = await errorJson(response, 401)
      expect(error.Message).toBe('Authorization has been denied for this request.')
      expect(response.headers.get('www-authenticate')).toBe('Basic realm="Access ACS"')
    }
    expect(await client.changeRequests()).toEqual([])
  })

  it('the scheme name is case-insensitive', async () => {
    const authorization = `basic ${btoa('jadams:password231')}`
    await acceptedId(await client.post(SEED_EXAMPLE, { authorization }))
  })
})

describe('who may post change requests', () => {
  it.each([1, 2, 3, 4, 5])('jadams (System Administrator) may post type %d', async (typeId) => {
    await acceptedId(await client.post(ofType(typeId), { as: 'jadams' }))
  })

  it.each([1, 2])('clerk may post type %d', async (typeId) => {
    await acceptedId(await client.post(ofType(typeId), { as: 'clerk' }))
    await acceptedId(await client.post(completeOfType(typeId), { as: 'clerk' }))
  })

  it.each([3, 4, 5])('clerk may not post type %d → 403 naming the type', async (typeId) => {
    const error = await errorJson(await client.post(ofType(typeId), { as: 'clerk' }), 403)
    expect(error.Message).toContain(`connection type ${typeId}`)
    // For an existing connection, the connection's own type is what counts.
    const existing = await errorJson(
      await client.post(completeOfType(typeId), { as: 'clerk' }),
      403
    )
    expect(existing.Message).toContain(`connection type ${typeId}`)
  })

  it.each([
    ['readonly', /create change requests/],
    ['nocomment', /add and view comments/]
  ] as const)('%s → 403 %s', async (as, reason) => {
    const error = await errorJson(await client.post(SEED_EXAMPLE, { as }), 403)
    expect(error.Message).toMatch(reason)
    expect(await client.changeRequests()).toEqual([])
  })

  it('the user is recorded with the change request', async () => {
    await acceptedId(await client.post(ofType(1), { as: 'clerk' }))
    expect((await client.changeRequests()).map((request) => request.User)).toEqual(['clerk'])
  })

  it('rights are checked before the body is validated', async () => {
    await errorJson(await client.post({ nonsense: true }, { as: 'readonly' }), 403)
    // ...but a broken body of a permitted user is named field by field.
    await errorJson(await client.post({ nonsense: true }, { as: 'clerk' }), 400)
  })
})

describe('who may read the lookups', () => {
  const users: Username[] = ['jadams', 'clerk', 'readonly', 'nocomment']
  it.each(users)('%s may read the account, types, responses, teams and connections', async (as) => {
    for (const path of [
      '/account',
      '/connections/assignments/1',
      '/individuals/76',
      '/individuals/76/connections',
      '/types/connections',
      '/types/responses/3',
      '/connections/teams',
      '/connections/assignments',
      `/connections/${ids.open[0]?.ConnectionId}`
    ]) {
      await okJson(await client.get(path, as))
    }
  })

  it.each(users)('%s may locate people (all four users have that right)', async (as) => {
    await okJson(await client.get('/individuals?q=a', as))
  })
})
