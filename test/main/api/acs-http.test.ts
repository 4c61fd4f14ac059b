import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createAcsClient } from '$main/api/acs-client'
import { createAcsHttp } from '$main/api/http'
import type { ApiLogger } from '$main/api/api-logger'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'

let fixture: SiteFixture
const APPLICATION_ID = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'

beforeAll(async () => {
  fixture = await startSite()
})

afterAll(async () => {
  await fixture.close()
})

describe('ACS HTTP plumbing', () => {
  it('reuses one connection for requests in a row (keep-alive)', async () => {
    const client = createAcsClient()
    let connects = 0
    const onConnect = (): void => {
      connects++
    }
    subscribe('undici:client:connected', onConnect)
    try {
      for (let index = 0; index < 8; index++) {
        const outcome = await client.postChangeRequest(fixture.credentials(), {
          id: `keep-alive-${index}`,
          idempotencyKey: `keep-alive-key-${index}`,
          body: newConnectionBody(`keep-alive ${index}`)
        })
        expect(outcome.kind).toBe('accepted')
      }
    } finally {
      unsubscribe('undici:client:connected', onConnect)
      await client.close()
    }
    // A request may start a second socket while the first is still being handed back to
    // the pool; without keep-alive there would be one per request.
    expect(connects).toBeGreaterThanOrEqual(1)
    expect(connects).toBeLessThanOrEqual(2)
  })

  it('never logs a password, an Authorization header, the ApplicationId or a comment, even on failures', async () => {
    const lines: string[] = []
    const logger: ApiLogger = {
      info: (message) => lines.push(message),
      warn: (message) => lines.push(message)
    }
    const client = createAcsClient({
      logger,
      totalTimeoutMs: 300,
      applicationId: () => APPLICATION_ID
    })
    const password = 'password231'
    const secretComment = 'Pastor visit: confidential-comment-3141'
    const credentials = fixture.credentials('jadams', password)
    const faults = [
      {},
      { rules: [{ kind: 'status', status: 400 }] },
      { rules: [{ kind: 'status', status: 500 }] },
      { rules: [{ kind: 'retry-after', status: 429, retryAfter: 1 }] },
      { rules: [{ kind: 'drop-before' }] },
      { rules: [{ kind: 'drop-after' }] },
      { rules: [{ kind: 'malformed', body: 'html' }] },
      { rules: [{ kind: 'malformed', body: 'huge' }] },
      { rules: [{ kind: 'malformed', body: 'junk' }] },
      { revokedUsers: ['jadams'] },
      { latencyMs: 1_000 }
    ]
    try {
      for (const [index, settings] of faults.entries()) {
        await fixture.setFaults(settings)
        await client.postChangeRequest(credentials, {
          id: `log-${index}`,
          idempotencyKey: `log-key-${index}`,
          body: newConnectionBody(secretComment)
        })
      }
    } finally {
      await fixture.clearFaults()
      await client.close()
    }
    expect(lines.length).toBeGreaterThanOrEqual(faults.length)
    const basic = Buffer.from(`jadams:${password}`).toString('base64')
    for (const line of lines) {
      expect(line).not.toContain(password)
      expect(line).not.toContain(basic)
      expect(line.toLowerCase()).not.toContain('authorization')
      expect(line).not.toContain('confidential-comment')
      expect(line.toLowerCase()).not.toContain(APPLICATION_ID.toLowerCase())
      expect(line.toLowerCase()).not.toContain('applicationid')
    }
    // The lines still say what happened, by item.
    expect(lines.some((line) => line.includes('log-0') && line.includes('200'))).toBe(true)
    expect(lines.some((line) => line.includes('log-5') && line.includes('after-sending'))).toBe(
      true
    )
  })

  it('sends the ApplicationId with a change request when there is one, and none when not', async () => {
    await fixture.reset()
    let current: string | null = APPLICATION_ID
    const client = createAcsClient({ applicationId: () => current })
    try {
      for (const [index, value] of [APPLICATION_ID, '', null].entries()) {
        current = value
        const outcome = await client.postChangeRequest(fixture.credentials(), {
          id: `app-${index}`,
          idempotencyKey: `app-key-${index}`,
          body: newConnectionBody(`application ${index}`)
        })
        expect(outcome.kind).toBe('accepted')
      }
    } finally {
      await client.close()
    }
    const recorded = await fixture.changeRequests()
    expect(recorded.map((entry) => entry.ApplicationId)).toEqual([APPLICATION_ID, '', ''])
  })

  it('sends the ApplicationId with lookups, and finds sites without Basic authorization', async () => {
    const seen: IncomingHttpHeaders[] = []
    const server = createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'Content-Type': 'application/json' }).end('[]')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    const baseUrl = `http://127.0.0.1:${port}/api_accessacs_mobile/v2`
    const http = createAcsHttp({ applicationId: () => APPLICATION_ID })
    try {
      const credentials = { baseUrl, siteNumber: 12345, username: 'jadams', password: 'pw' }
      await http.send(credentials, { method: 'GET', path: 'connections/teams', label: 'teams' })
      await http.send(
        { baseUrl },
        { method: 'PUT', path: 'accounts/findbyemail', body: '{}', label: 'sites' }
      )
    } finally {
      await http.close()
      await new Promise((resolve) => server.close(resolve))
    }
    expect(seen.map((headers) => headers.applicationid)).toEqual([APPLICATION_ID, APPLICATION_ID])
    expect(seen[0]?.authorization).toMatch(/^Basic /)
    expect(seen[1]?.authorization).toBeUndefined()
  })
})
