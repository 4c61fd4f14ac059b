import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { JSON_TYPE, SiteClient, basicAuth, passwordOf } from './support/site-client'

/**
 * The practice site listens on the clerk's own computer, where web pages run too. What a
 * page can send (a rebound host name, an Origin, a body type that needs no preflight) is
 * refused before the site does anything; the control endpoints exist only when asked for.
 */
const RELAY_HOST = '127.0.0.1:1'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, people: 100, alsoKnownAs: [RELAY_HOST] })
  client = new SiteClient(site)
})
afterAll(() => site.close())

interface RawAnswer {
  status: number
  body: string
}

/** One request with exactly these headers (fetch would not let a test set Host). */
function raw(
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      {
        host: '127.0.0.1',
        port: site.port,
        method,
        path,
        headers: { ...headers, ...(body === undefined ? {} : { 'Content-Length': body.length }) }
      },
      (answer) => {
        let text = ''
        answer.setEncoding('utf8')
        answer.on('data', (chunk: string) => (text += chunk))
        answer.on('end', () => resolve({ status: answer.statusCode ?? 0, body: text }))
      }
    )
    outgoing.on('error', reject)
    outgoing.end(body)
  })
}

const API = '/api_accessacs_mobile/v2/12345'
const AUTHORIZATION = basicAuth('jadams', passwordOf('jadams'))
const BODY = JSON.stringify(SEED_EXAMPLE)

/** Change requests recorded so far, read through an app-style request (no control routes). */
async function postedCount(): Promise<number> {
  const answer = await raw(
    'POST',
    `${API}/connections`,
    {
      Host: `127.0.0.1:${site.port}`,
      Authorization: AUTHORIZATION,
      'Content-Type': JSON_TYPE
    },
    BODY
  )
  expect(answer.status, answer.body).toBe(200)
  // Ids count up from 1001 with every change request recorded, this probe included.
  return Number(answer.body) - 1001
}

describe('the control endpoints', () => {
  it.each([
    ['GET', '/_sim/changerequests'],
    ['GET', '/_sim/faults'],
    ['POST', '/_sim/faults'],
    ['DELETE', '/_sim/faults'],
    ['POST', '/_sim/reset']
  ])('are not there unless asked for: %s %s → 404', async (method, path) => {
    const before = await postedCount()
    const answer = await raw(
      method,
      path,
      {
        Host: `127.0.0.1:${site.port}`,
        ...(method === 'POST' && { 'Content-Type': JSON_TYPE })
      },
      method === 'POST' ? '{"rules":[{"kind":"status","status":500}]}' : undefined
    )
    expect(answer.status).toBe(404)
    // Nothing was reset and no fault was set: the next change request is the next id.
    expect(await postedCount()).toBe(before + 1)
  })
})

describe('the Host header', () => {
  it.each([() => `127.0.0.1:${site.port}`, () => `LocalHost:${site.port}`, () => RELAY_HOST])(
    'is answered for the site itself or its relay (#%#)',
    async (hostOf) => {
      const answer = await raw('GET', `${API}/connections/teams`, {
        Host: hostOf(),
        Authorization: AUTHORIZATION
      })
      expect(answer.status, answer.body).toBe(200)
    }
  )

  it.each([
    () => `evil.example:${site.port}`,
    () => 'evil.example',
    () => `127.0.0.1:${site.port + 1}`,
    () => `127.0.0.2:${site.port}`
  ])('of a re-pointed name is refused, with or without credentials (#%#)', async (hostOf) => {
    const before = await postedCount()
    const host = hostOf()
    const lookup = await raw('GET', `${API}/connections/teams`, {
      Host: host,
      Authorization: AUTHORIZATION
    })
    expect(lookup.status).toBe(403)
    expect(lookup.body).not.toContain('Care team')
    const post = await raw(
      'POST',
      `${API}/connections`,
      {
        Host: host,
        Authorization: AUTHORIZATION,
        'Content-Type': JSON_TYPE
      },
      BODY
    )
    expect(post.status).toBe(403)
    expect(JSON.parse(post.body)).toMatchObject({ Message: expect.stringContaining('itself') })
    expect(await postedCount()).toBe(before + 1)
  })
})

describe('a request a web page could make', () => {
  it.each([() => 'null', () => 'https://evil.example', () => `http://127.0.0.1:${site.port}`])(
    'with an Origin header is refused, even its own (#%#)',
    async (originOf) => {
      const origin = originOf()
      const before = await postedCount()
      const answer = await raw(
        'POST',
        `${API}/connections`,
        {
          Host: `127.0.0.1:${site.port}`,
          Origin: origin,
          Authorization: AUTHORIZATION,
          'Content-Type': JSON_TYPE
        },
        BODY
      )
      expect(answer.status).toBe(403)
      expect(JSON.parse(answer.body)).toMatchObject({
        Message: expect.stringContaining('not web pages')
      })
      const lookup = await raw('GET', `${API}/connections/teams`, {
        Host: `127.0.0.1:${site.port}`,
        Origin: origin,
        Authorization: AUTHORIZATION
      })
      expect(lookup.status).toBe(403)
      expect(await postedCount()).toBe(before + 1)
    }
  )

  it.each([
    'text/plain',
    'text/plain;charset=UTF-8',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x'
  ])('with a JSON body labelled %s is refused with 415', async (type) => {
    const before = await postedCount()
    const answer = await raw(
      'POST',
      `${API}/connections`,
      {
        Host: `127.0.0.1:${site.port}`,
        Authorization: AUTHORIZATION,
        'Content-Type': type
      },
      BODY
    )
    expect(answer.status).toBe(415)
    expect(JSON.parse(answer.body)).toMatchObject({
      Message: expect.stringContaining(type.split(';')[0] ?? type)
    })
    expect(await postedCount()).toBe(before + 1)
  })

  it('is not needed for the app’s own requests: JSON in, an id out', async () => {
    const response = await client.post(SEED_EXAMPLE, { idempotencyKey: 'door-ok' })
    expect(response.status).toBe(200)
  })
})

describe('with the control endpoints mounted', () => {
  it('refuses a text/plain body there too', async () => {
    const controlled = await startPracticeSite({ port: 0, people: 30, controlRoutes: true })
    try {
      const plain = await fetch(`${controlled.url}/_sim/faults`, {
        method: 'POST',
        body: JSON.stringify({ rules: [{ kind: 'status', status: 500 }] })
      })
      expect(plain.status).toBe(415)
      const faults = await fetch(`${controlled.url}/_sim/faults`)
      expect(await faults.json()).toMatchObject({ rules: [] })
    } finally {
      await controlled.close()
    }
  })
})
