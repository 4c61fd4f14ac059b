import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAcsClient, NOT_SENT_STATUS, type AcsClient } from '$main/api/acs-client'
import type { SendItem } from '$shared/bridge/channels'
import type { ChangeRequest } from '$shared/change-request'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'

let fixture: SiteFixture
let client: AcsClient
let counter = 0

function item(body: ChangeRequest = newConnectionBody(`client test ${counter}`)): SendItem {
  counter++
  return { id: `item-${counter}`, idempotencyKey: `key-${counter}-${Date.now()}`, body }
}

beforeAll(async () => {
  fixture = await startSite()
  client = createAcsClient({ totalTimeoutMs: 5_000 })
})

afterEach(async () => {
  await fixture.reset()
})

afterAll(async () => {
  await client.close()
  await fixture.close()
})

describe('ACS client against the practice site', () => {
  it('posts the body with its Idempotency-Key as the signed-in user and reads the id', async () => {
    const sent = item()
    const outcome = await client.postChangeRequest(fixture.credentials(), sent)
    const recorded = await fixture.changeRequests()
    expect(recorded).toHaveLength(1)
    expect(outcome).toEqual({
      kind: 'accepted',
      connectionCRId: recorded[0]?.ConnectionCRId,
      status: 200,
      idempotencyHonoured: true
    })
    expect(recorded[0]).toMatchObject({
      IdempotencyKey: sent.idempotencyKey,
      User: 'jadams',
      Body: sent.body
    })
  })

  it('gets the first id back for a repeat under the same key, and records nothing new', async () => {
    const sent = item()
    const first = await client.postChangeRequest(fixture.credentials(), sent)
    const again = await client.postChangeRequest(fixture.credentials(), sent)
    expect(again).toEqual(first)
    expect(await fixture.changeRequests()).toHaveLength(1)
  })

  it('says idempotency is not honoured when the answer lacks Idempotent-Replayed', async () => {
    await fixture.setFaults({ honourIdempotency: false })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'accepted', idempotencyHonoured: false })
  })

  it('refuses an invalid body itself, naming each field, and sends nothing', async () => {
    const body = { ...newConnectionBody('bad'), ConnectionDate: '02/30/2025', NewTeamId: -1 }
    const outcome = await client.postChangeRequest(fixture.credentials(), item(body))
    expect(outcome.kind).toBe('rejected')
    if (outcome.kind !== 'rejected') return
    expect(outcome.status).toBe(NOT_SENT_STATUS)
    expect(Object.keys(outcome.fieldErrors).sort()).toEqual([
      'ConnectionDate',
      'NewCallerIndvId',
      'NewTeamId'
    ])
    expect(await fixture.changeRequests()).toHaveLength(0)
  })

  it('answers a changed body under a used key with the site’s 422 refusal', async () => {
    const sent = item()
    await client.postChangeRequest(fixture.credentials(), sent)
    const outcome = await client.postChangeRequest(fixture.credentials(), {
      ...sent,
      body: { ...sent.body, Comment: 'changed' }
    })
    expect(outcome).toMatchObject({ kind: 'rejected', status: 422 })
    if (outcome.kind === 'rejected') expect(outcome.message).toMatch(/^Access ACS refused/)
  })

  it('reads the site’s ModelState for a body it refuses', async () => {
    const outcome = await client.postChangeRequest(
      fixture.credentials(),
      item(newConnectionBody('no such type', { connectionTypeId: 99 }))
    )
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400 })
    if (outcome.kind !== 'rejected') return
    expect(outcome.fieldErrors.ConnectionTypeId?.[0]).toMatch(/99 does not exist/)
  })

  it('passes on a refusal for lack of rights (403) with the site’s reason', async () => {
    // The clerk has full rights to connection types 1 and 2 only.
    const outcome = await client.postChangeRequest(
      fixture.credentials('clerk'),
      item(newConnectionBody('not my type', { connectionTypeId: 3 }))
    )
    expect(outcome).toMatchObject({ kind: 'rejected', status: 403 })
    if (outcome.kind === 'rejected') expect(outcome.message).toMatch(/^Access ACS refused .*403/)
  })

  it.each([
    ['revoked user', { revokedUsers: ['jadams'] }],
    ['changed password', { passwords: { jadams: 'a-new-password-1' } }]
  ])('classifies 401 (%s) as unauthorized', async (_name, faults) => {
    await fixture.setFaults(faults)
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome.kind).toBe('unauthorized')
    expect(await fixture.changeRequests()).toHaveLength(0)
  })

  it.each([400, 403, 404, 409, 413, 422])('classifies a %d fault as rejected', async (status) => {
    await fixture.setFaults({ rules: [{ kind: 'status', status }] })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'rejected', status })
  })

  it.each([418, 405])('classifies an unexpected %d as rejected with its status', async (status) => {
    await fixture.setFaults({ rules: [{ kind: 'status', status }] })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'rejected', status })
    if (outcome.kind === 'rejected') expect(outcome.message).toMatch(/does not expect/)
  })

  it.each([429, 500, 502, 503, 504])('classifies %d as retryable', async (status) => {
    await fixture.setFaults({ rules: [{ kind: 'status', status }] })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'retryable', status })
    expect(outcome).not.toHaveProperty('retryAfterMs')
  })

  it('reads Retry-After in seconds', async () => {
    await fixture.setFaults({ rules: [{ kind: 'retry-after', status: 429, retryAfter: 7 }] })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'retryable', status: 429, retryAfterMs: 7_000 })
  })

  it('reads Retry-After as an HTTP date', async () => {
    await fixture.setFaults({
      rules: [{ kind: 'retry-after', status: 503, retryAfter: 'http-date' }]
    })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'retryable', status: 503 })
    const delay = outcome.kind === 'retryable' ? outcome.retryAfterMs : undefined
    // The practice site names a whole second at least two seconds ahead.
    expect(delay).toBeGreaterThanOrEqual(1_000)
    expect(delay).toBeLessThanOrEqual(3_000)
  })

  it.each(['drop-before', 'drop-after'] as const)(
    'classifies a connection %s processing as no answer (it may have arrived)',
    async (kind) => {
      await fixture.setFaults({ rules: [{ kind }] })
      const outcome = await client.postChangeRequest(fixture.credentials(), item())
      expect(outcome.kind).toBe('no-answer')
      const recorded = await fixture.changeRequests()
      expect(recorded).toHaveLength(kind === 'drop-after' ? 1 : 0)
    }
  )

  it.each(['no-id', 'junk', 'truncated-json', 'huge'] as const)(
    'never counts a 200 with a %s body as sent',
    async (body) => {
      await fixture.setFaults({ rules: [{ kind: 'malformed', body }] })
      const outcome = await client.postChangeRequest(fixture.credentials(), item())
      expect(outcome).toMatchObject({ kind: 'unexpected-answer', status: 200 })
      if (outcome.kind === 'unexpected-answer') expect(outcome.message.length).toBeLessThan(300)
    }
  )

  it('shows a short excerpt of an HTML error page, without markup', async () => {
    await fixture.setFaults({ rules: [{ kind: 'malformed', body: 'html' }] })
    const outcome = await client.postChangeRequest(fixture.credentials(), item())
    expect(outcome).toMatchObject({ kind: 'retryable', status: 500 })
    if (outcome.kind !== 'retryable') return
    expect(outcome.message).toContain('Runtime Error')
    expect(outcome.message).not.toMatch(/[<>]/)
  })

  it('gives up on a slow answer after the total timeout: it may have arrived', async () => {
    const impatient = createAcsClient({ totalTimeoutMs: 200 })
    try {
      await fixture.setFaults({ latencyMs: 3_000 })
      const outcome = await impatient.postChangeRequest(fixture.credentials(), item())
      expect(outcome.kind).toBe('no-answer')
    } finally {
      await fixture.clearFaults()
      await impatient.close()
    }
  })

  it('classifies a refused connection as retryable: nothing was sent', async () => {
    const gone = await startSite(5)
    const credentials = gone.credentials()
    await gone.close()
    const outcome = await client.postChangeRequest(credentials, item())
    expect(outcome.kind).toBe('retryable')
    if (outcome.kind === 'retryable') expect(outcome.message).toMatch(/refused the connection/)
  })

  it('refuses to send a password over plain http off this computer', async () => {
    const credentials = { ...fixture.credentials(), baseUrl: 'http://acs.example.org/api' }
    const outcome = await client.postChangeRequest(credentials, item())
    expect(outcome.kind).toBe('retryable')
    if (outcome.kind === 'retryable') expect(outcome.message).toMatch(/https/)
  })
})
