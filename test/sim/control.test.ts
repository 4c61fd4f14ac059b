import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { JSON_TYPE, SiteClient, acceptedId, errorJson, okJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

describe('GET /_sim/changerequests', () => {
  it('lists every change request in order, with key, application, site, user, time and body', async () => {
    const before = Date.now()
    const applicationId = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'
    await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: 'k-1', applicationId }))
    const second = { ...SEED_EXAMPLE, ConnectionTypeId: 2, ResponseIdList: [201] }
    await acceptedId(await client.post(second, { as: 'clerk' }))
    const log = await client.changeRequests()
    expect(log.map(({ ReceivedAt: _, ...rest }) => rest)).toEqual([
      {
        ConnectionCRId: 1001,
        IdempotencyKey: 'k-1',
        ApplicationId: applicationId,
        SiteNumber: 12345,
        User: 'jadams',
        Body: SEED_EXAMPLE
      },
      {
        ConnectionCRId: 1002,
        IdempotencyKey: null,
        ApplicationId: '',
        SiteNumber: 12345,
        User: 'clerk',
        Body: second
      }
    ])
    for (const request of log) {
      expect(Date.parse(request.ReceivedAt)).toBeGreaterThanOrEqual(before - 1000)
    }
  })

  it('needs no credentials (it is the test’s window, on loopback only)', async () => {
    expect(await client.changeRequests()).toEqual([])
  })
})

describe('POST /_sim/reset', () => {
  it('returns to the seeded state: log, ids, idempotency memory and faults', async () => {
    await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: 'k' }))
    await client.setFaults({ rules: [{ kind: 'status', status: 500, scope: 'lookups' }] })
    await client.reset()
    expect(await client.changeRequests()).toEqual([])
    expect(await okJson(await client.get('/connections/teams'))).toBeInstanceOf(Array)
    const changed = { ...SEED_EXAMPLE, Comment: 'a different body, same key' }
    const again = await client.post(changed, { idempotencyKey: 'k' })
    expect(await acceptedId(again)).toBe(1001)
    expect(again.headers.get('idempotent-replayed')).toBe('false')
  })
})

describe('/_sim/faults', () => {
  it('GET shows the defaults; POST replaces them (normalized); DELETE clears', async () => {
    const defaults = await okJson(await client.control('GET', '/faults'))
    expect(defaults).toEqual({
      rules: [],
      revokedUsers: [],
      passwords: {},
      honourIdempotency: true,
      seed: 1
    })
    const set = await client.setFaults({
      latencyMs: 5,
      rules: [{ kind: 'drop-before', rate: 0.5 }]
    })
    expect(set).toEqual({
      latencyMs: 5,
      rules: [{ kind: 'drop-before', rate: 0.5, scope: 'change-requests' }],
      revokedUsers: [],
      passwords: {},
      honourIdempotency: true,
      seed: 1
    })
    expect(await okJson(await client.control('GET', '/faults'))).toEqual(set)
    await client.setFaults({ seed: 9 })
    expect(await okJson(await client.control('GET', '/faults'))).toMatchObject({
      rules: [],
      seed: 9
    })
    expect(await okJson(await client.control('DELETE', '/faults'))).toEqual(defaults)
    expect(await okJson(await client.control('GET', '/faults'))).toEqual(defaults)
  })

  it.each([
    [{ rules: [{ kind: 'status', status: 700 }] }, 'rules.0.status'],
    [{ rules: [{ kind: 'status', status: 500, rate: 2 }] }, 'rules.0.rate'],
    [{ rules: [{ kind: 'status', status: 500, times: 0 }] }, 'rules.0.times'],
    [{ rules: [{ kind: 'status', status: 500, scope: 'everything' }] }, 'rules.0.scope'],
    [{ rules: [{ kind: 'explode' }] }, 'rules.0.kind'],
    [{ rules: [{ kind: 'retry-after', status: 500 }] }, 'rules.0.status'],
    [{ rules: [{ kind: 'retry-after', status: 429, retryAfter: 'soon' }] }, 'rules.0.retryAfter'],
    [{ rules: [{ kind: 'malformed', body: 'xml' }] }, 'rules.0.body'],
    [{ rules: [{ kind: 'drop-before', colour: 'red' }] }, 'rules.0.colour'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ latencyMs: { min: 10, max: 5 } }, 'latencyMs'],
    [{ revokedUsers: ['mallory'] }, 'revokedUsers.0'],
    [{ passwords: { mallory: 'x' } }, 'passwords.mallory'],
    [{ passwords: { clerk: '' } }, 'passwords.clerk'],
    [{ honourIdempotency: 'yes' }, 'honourIdempotency'],
    [{ seed: 1.5 }, 'seed'],
    [{ latency: 5 }, 'latency'],
    [[], 'request']
  ])('a bad body %j → 400 naming %s, and the settings stay', async (body, path) => {
    await client.setFaults({ seed: 3 })
    const error = await errorJson(await client.control('POST', '/faults', body), 400)
    expect(Object.keys(error.ModelState ?? {})).toContain(path)
    expect(await okJson(await client.control('GET', '/faults'))).toMatchObject({ seed: 3 })
  })

  it('malformed JSON → 400', async () => {
    const response = await fetch(`${site.url}/_sim/faults`, {
      method: 'POST',
      headers: { 'Content-Type': JSON_TYPE },
      body: '{'
    })
    await errorJson(response, 400)
  })
})

describe('control paths and methods', () => {
  it.each([
    ['GET', '/nothing', 404],
    ['POST', '/changerequests', 405],
    ['GET', '/reset', 405],
    ['PUT', '/faults', 405]
  ])('%s /_sim%s → %d', async (method, path, status) => {
    await errorJson(await client.control(method, path), status)
  })
})
