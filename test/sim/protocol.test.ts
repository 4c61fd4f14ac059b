import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { JSON_TYPE, SiteClient, acceptedId, errorJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

const LIMIT = 64 * 1024

/** The seed example padded with JSON whitespace to exactly `size` bytes. */
function paddedBody(size: number): string {
  const text = JSON.stringify(SEED_EXAMPLE)
  return text.slice(0, -1) + ' '.repeat(size - Buffer.byteLength(text)) + '}'
}

describe('body size', () => {
  it('exactly 64 KiB is read; one byte more → 413, nothing recorded', async () => {
    expect(Buffer.byteLength(paddedBody(LIMIT))).toBe(LIMIT)
    await acceptedId(await client.post(null, { raw: paddedBody(LIMIT) }))
    const error = await errorJson(await client.post(null, { raw: paddedBody(LIMIT + 1) }), 413)
    expect(error.Message).toMatch(/64 KiB/)
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('a streamed body without Content-Length is cut off at 64 KiB too → 413', async () => {
    const chunk = new TextEncoder().encode(' '.repeat(16 * 1024))
    let sent = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // 1 MiB in all: the site answers long before, without keeping it.
        if (sent++ < 64) controller.enqueue(chunk)
        else controller.close()
      }
    })
    const response = await fetch(client.url('/connections'), {
      method: 'POST',
      headers: client.headersFor('jadams'),
      body,
      duplex: 'half'
    } as RequestInit)
    await errorJson(response, 413)
    expect(await client.changeRequests()).toEqual([])
  })

  it('the 413 comes after authentication and the site check', async () => {
    const big = paddedBody(LIMIT + 1)
    await errorJson(await client.post(null, { raw: big, authorization: null }), 401)
    await errorJson(await client.post(null, { raw: big, site: 54321 }), 404)
  })
})

describe('malformed bodies', () => {
  it.each([
    ['cut-off JSON', '{"ConnectionId": '],
    ['an empty body', ''],
    ['not JSON at all', 'ConnectionId=-1&Complete=false'],
    ['a single quote JSON', "{'ConnectionId': -1}"]
  ])('%s → 400 "The request is invalid." with ModelState.request', async (_, raw) => {
    const error = await errorJson(await client.post(null, { raw }), 400)
    expect(error.Message).toBe('The request is invalid.')
    expect(error.ModelState?.request?.[0]).toMatch(/JSON/)
  })

  it('a UTF-8 byte-order mark is tolerated', async () => {
    await acceptedId(await client.post(null, { raw: '\uFEFF' + JSON.stringify(SEED_EXAMPLE) }))
  })

  it('malformed JSON is reported before missing rights', async () => {
    await errorJson(await client.post(null, { raw: '{', as: 'readonly' }), 400)
  })
})

describe('paths, sites and methods', () => {
  it('any site but 12345 → 404 (after authentication)', async () => {
    const error = await errorJson(await client.post(SEED_EXAMPLE, { site: 54321 }), 404)
    expect(error.Message).toContain('54321')
    await errorJson(
      await fetch(`${site.baseUrl}/abc/types/connections`, {
        headers: client.headersFor('jadams')
      }),
      404
    )
  })

  it.each([
    '/nothing',
    '/types/responses/1/nothing',
    '/connections/assignments/1/2',
    '/individuals/76/connections/1'
  ])('an unknown path %s → 404 in the ASP.NET shape', async (path) => {
    const error = await errorJson(await client.get(path), 404)
    expect(error.Message).toMatch(/^No HTTP resource was found that matches the request URI/)
  })

  it.each(['/', '/api_accessacs_mobile/v1/12345/connections', '/favicon.ico'])(
    '%s (outside the API) → 404',
    async (path) => {
      await errorJson(await fetch(`${site.url}${path}`), 404)
    }
  )

  it.each([
    ['PUT', '/connections', 'POST'],
    ['DELETE', '/connections', 'POST'],
    ['POST', '/types/connections', 'GET'],
    ['PATCH', '/connections/1', 'GET'],
    ['POST', '/individuals', 'GET']
  ])('%s %s → 405 with Allow', async (method, path, allow) => {
    const response = await fetch(client.url(path), { method, headers: client.headersFor() })
    const error = await errorJson(response, 405)
    expect(error.Message).toContain(method)
    expect(response.headers.get('allow')).toBe(allow)
  })

  it('routes ignore case and a trailing slash, as ASP.NET does', async () => {
    const response = await fetch(`${site.url}/API_AccessACS_Mobile/V2/12345/Types/Connections/`, {
      headers: client.headersFor()
    })
    expect(response.status).toBe(200)
    await response.body?.cancel()
  })
})

describe('connections', () => {
  it('keep-alive: fifty requests at once all succeed, each with its own id', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, () => client.post(SEED_EXAMPLE)))
    const answerIds = await Promise.all(answers.map(acceptedId))
    expect(new Set(answerIds).size).toBe(50)
    expect(answers[0]?.headers.get('connection')).toBe('keep-alive')
  })

  it('every JSON answer says application/json; charset=utf-8', async () => {
    const answers = [
      await client.post(SEED_EXAMPLE),
      await client.get('/types/connections'),
      await client.get('/nothing'),
      await client.post({}),
      await client.control('GET', '/changerequests')
    ]
    for (const answer of answers) {
      expect(answer.headers.get('content-type')).toBe(JSON_TYPE)
      await answer.body?.cancel()
    }
  })
})
