import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { SiteClient, acceptedId, basicAuth, errorJson, okJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

async function statusOf(response: Promise<Response>): Promise<number> {
  const answer = await response
  await answer.body?.cancel()
  return answer.status
}

describe('status faults', () => {
  it('answer the status instead of recording, then stop after `times`', async () => {
    await client.setFaults({ rules: [{ kind: 'status', status: 503, times: 2 }] })
    for (let attempt = 0; attempt < 2; attempt++) {
      await errorJson(await client.post(SEED_EXAMPLE), 503)
    }
    expect(await acceptedId(await client.post(SEED_EXAMPLE))).toBe(1001)
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('hit change requests only by default; lookups only with scope lookups; both with all', async () => {
    await client.setFaults({ rules: [{ kind: 'status', status: 500 }] })
    await errorJson(await client.post(SEED_EXAMPLE), 500)
    await okJson(await client.get('/types/connections'))

    await client.setFaults({ rules: [{ kind: 'status', status: 502, scope: 'lookups' }] })
    await acceptedId(await client.post(SEED_EXAMPLE))
    await errorJson(await client.get('/types/connections'), 502)

    await client.setFaults({ rules: [{ kind: 'status', status: 504, scope: 'all' }] })
    await errorJson(await client.post(SEED_EXAMPLE), 504)
    await errorJson(await client.get('/individuals'), 504)
    // The control endpoints are never faulted.
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('rate 0 never fires; rate 1 always does', async () => {
    await client.setFaults({ rules: [{ kind: 'status', status: 500, rate: 0 }] })
    for (let attempt = 0; attempt < 5; attempt++) await acceptedId(await client.post(SEED_EXAMPLE))
    await client.setFaults({ rules: [{ kind: 'status', status: 500, rate: 1 }] })
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(await statusOf(client.post(SEED_EXAMPLE))).toBe(500)
    }
  })

  it('a partial rate fires for some requests, the same ones for the same seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      await client.setFaults({ seed, rules: [{ kind: 'status', status: 503, rate: 0.4 }] })
      const statuses: number[] = []
      for (let attempt = 0; attempt < 40; attempt++) {
        statuses.push(await statusOf(client.post(SEED_EXAMPLE)))
      }
      return statuses
    }
    const first = await run(7)
    expect(first).toContain(503)
    expect(first).toContain(200)
    expect(await run(7)).toEqual(first)
    expect(await run(8)).not.toEqual(first)
  })

  it('the first rule that fires wins; exhausted rules let the next one fire', async () => {
    await client.setFaults({
      rules: [
        { kind: 'status', status: 500, times: 1 },
        { kind: 'status', status: 503, times: 1 },
        { kind: 'retry-after', status: 429, retryAfter: 1 }
      ]
    })
    const statuses = []
    for (let attempt = 0; attempt < 4; attempt++)
      statuses.push(await statusOf(client.post(SEED_EXAMPLE)))
    expect(statuses).toEqual([500, 503, 429, 429])
  })
})

describe('retry-after faults', () => {
  it.each([429, 503])('%d with Retry-After in seconds', async (status) => {
    await client.setFaults({ rules: [{ kind: 'retry-after', status, retryAfter: 2 }] })
    const response = await client.post(SEED_EXAMPLE)
    await errorJson(response, status)
    expect(response.headers.get('retry-after')).toBe('2')
    expect(await client.changeRequests()).toEqual([])
  })

  it('with Retry-After as an HTTP date a little ahead', async () => {
    await client.setFaults({
      rules: [{ kind: 'retry-after', status: 503, retryAfter: 'http-date' }]
    })
    const before = Date.now()
    const response = await client.post(SEED_EXAMPLE)
    await errorJson(response, 503)
    const header = response.headers.get('retry-after') ?? ''
    expect(header).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/)
    expect(Date.parse(header)).toBeGreaterThan(before)
  })

  it('retryAfter defaults to 1 second', async () => {
    await client.setFaults({ rules: [{ kind: 'retry-after', status: 429 }] })
    const response = await client.post(SEED_EXAMPLE)
    await errorJson(response, 429)
    expect(response.headers.get('retry-after')).toBe('1')
  })
})

describe('dropped connections', () => {
  it('drop-before: the request fails and nothing is recorded', async () => {
    await client.setFaults({ rules: [{ kind: 'drop-before', times: 1 }] })
    await expect(client.post(SEED_EXAMPLE, { idempotencyKey: 'k' })).rejects.toThrow(TypeError)
    expect(await client.changeRequests()).toEqual([])
    const retry = await client.post(SEED_EXAMPLE, { idempotencyKey: 'k' })
    expect(await acceptedId(retry)).toBe(1001)
    expect(retry.headers.get('idempotent-replayed')).toBe('false')
  })

  it('drop-after: the request fails, yet one change request is recorded', async () => {
    await client.setFaults({ rules: [{ kind: 'drop-after', times: 1 }] })
    await expect(client.post(SEED_EXAMPLE, { idempotencyKey: 'k' })).rejects.toThrow(TypeError)
    const log = await client.changeRequests()
    expect(log).toHaveLength(1)
    // The client's retry with the same key learns the id without a second record.
    const retry = await client.post(SEED_EXAMPLE, { idempotencyKey: 'k' })
    expect(await acceptedId(retry)).toBe(log[0]?.ConnectionCRId)
    expect(retry.headers.get('idempotent-replayed')).toBe('true')
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('drop-after without idempotency: the retry makes a duplicate', async () => {
    await client.setFaults({ honourIdempotency: false, rules: [{ kind: 'drop-after', times: 1 }] })
    await expect(client.post(SEED_EXAMPLE, { idempotencyKey: 'k' })).rejects.toThrow(TypeError)
    await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: 'k' }))
    expect(await client.changeRequests()).toHaveLength(2)
  })

  it('drops hit lookups too when scoped so', async () => {
    await client.setFaults({ rules: [{ kind: 'drop-before', scope: 'lookups', times: 1 }] })
    await expect(client.get('/types/connections')).rejects.toThrow(TypeError)
    await okJson(await client.get('/types/connections'))
  })
})

describe('malformed answers record nothing', () => {
  it('html: a 500 with an HTML page', async () => {
    await client.setFaults({ rules: [{ kind: 'malformed', body: 'html' }] })
    const response = await client.post(SEED_EXAMPLE)
    expect(response.status).toBe(500)
    expect(response.headers.get('content-type')).toMatch(/^text\/html/)
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/)
  })

  it.each([
    ['truncated-json', '{"ConnectionCRId": 12'],
    ['junk', '<<not json>>'],
    ['no-id', '{"Ok":true}']
  ])('%s: 200 with %s', async (body, text) => {
    await client.setFaults({ rules: [{ kind: 'malformed', body }] })
    const response = await client.post(SEED_EXAMPLE)
    expect(response.status).toBe(200)
    expect(await response.text()).toBe(text)
    expect(await client.changeRequests()).toEqual([])
  })

  it('huge: 200 with a JSON string of about 2 MB', async () => {
    await client.setFaults({ rules: [{ kind: 'malformed', body: 'huge' }] })
    const response = await client.post(SEED_EXAMPLE)
    expect(response.status).toBe(200)
    const text = await response.text()
    expect(text.length).toBeGreaterThan(2_000_000)
    expect(typeof JSON.parse(text)).toBe('string')
    expect(await client.changeRequests()).toEqual([])
  })
})

describe('latency', () => {
  it('a fixed latency delays the answer by at least that much', async () => {
    await client.setFaults({ latencyMs: 150 })
    const started = performance.now()
    await acceptedId(await client.post(SEED_EXAMPLE))
    expect(performance.now() - started).toBeGreaterThanOrEqual(145)
  })

  it('a latency range delays by at least its minimum, lookups included', async () => {
    await client.setFaults({ latencyMs: { min: 100, max: 120 } })
    const started = performance.now()
    await okJson(await client.get('/connections/teams'))
    expect(performance.now() - started).toBeGreaterThanOrEqual(95)
  })

  it('a site closing mid-delay does not wait the delay out', async () => {
    const slow = await startPracticeSite({ port: 0, controlRoutes: true })
    const slowClient = new SiteClient(slow)
    await slowClient.setFaults({ latencyMs: 60_000 })
    const pending = slowClient.post(SEED_EXAMPLE)
    await new Promise((resolve) => setTimeout(resolve, 50))
    await slow.close()
    await expect(pending).rejects.toThrow(TypeError)
  })
})

describe('credentials', () => {
  it('a revoked user gets 401 while the others still work', async () => {
    await client.setFaults({ revokedUsers: ['clerk'] })
    const response = await client.post(SEED_EXAMPLE, { as: 'clerk' })
    await errorJson(response, 401)
    expect(response.headers.get('www-authenticate')).toBe('Basic realm="Access ACS"')
    await acceptedId(await client.post(SEED_EXAMPLE, { as: 'jadams' }))
    await client.control('DELETE', '/faults')
    await acceptedId(await client.post(SEED_EXAMPLE, { as: 'clerk' }))
  })

  it('a changed password: the old one gets 401, the new one works', async () => {
    await client.setFaults({ passwords: { clerk: 'new-pass-2' } })
    await errorJson(await client.post(SEED_EXAMPLE, { as: 'clerk' }), 401)
    const authorization = basicAuth('clerk', 'new-pass-2')
    await acceptedId(await client.post(SEED_EXAMPLE, { authorization }))
    await okJson(await client.get('/individuals', 'clerk', authorization))
  })
})
