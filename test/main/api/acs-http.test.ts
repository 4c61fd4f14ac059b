import { subscribe, unsubscribe } from 'node:diagnostics_channel'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAcsClient } from '../../../src/main/api/acs-client'
import type { ApiLogger } from '../../../src/main/api/api-logger'
import { newConnectionBody, startSite, type SiteFixture } from './practice-site-fixture'

let fixture: SiteFixture

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

  it('never logs a password, an Authorization header or a comment, even on failures', async () => {
    const lines: string[] = []
    const logger: ApiLogger = {
      info: (message) => lines.push(message),
      warn: (message) => lines.push(message)
    }
    const client = createAcsClient({ logger, totalTimeoutMs: 300 })
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
    }
    // The lines still say what happened, by item.
    expect(lines.some((line) => line.includes('log-0') && line.includes('200'))).toBe(true)
    expect(lines.some((line) => line.includes('log-5') && line.includes('after-sending'))).toBe(
      true
    )
  })
})
