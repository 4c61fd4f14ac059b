import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { SiteClient, acceptedId, errorJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, controlRoutes: true })
  client = new SiteClient(site)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

const KEY = '3b9a1a52-6f4e-4c55-9d0f-0c9d2f1c6a11'

describe('Idempotency-Key, honoured', () => {
  it('a repeat with the same body answers the first id and records nothing new', async () => {
    const first = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY })
    const firstId = await acceptedId(first)
    expect(first.headers.get('idempotent-replayed')).toBe('false')
    for (let repeat = 0; repeat < 3; repeat++) {
      const again = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY })
      expect(await acceptedId(again)).toBe(firstId)
      expect(again.headers.get('idempotent-replayed')).toBe('true')
    }
    const log = await client.changeRequests()
    expect(log).toHaveLength(1)
    expect(log[0]?.IdempotencyKey).toBe(KEY)
  })

  it('key order and spacing do not make a body different', async () => {
    const firstId = await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: KEY }))
    const reordered = Object.fromEntries(Object.entries(SEED_EXAMPLE).reverse())
    const raw = JSON.stringify(reordered, null, 2)
    const again = await client.post(null, { raw, idempotencyKey: KEY })
    expect(await acceptedId(again)).toBe(firstId)
    expect(again.headers.get('idempotent-replayed')).toBe('true')
  })

  it('the same key with a different body → 422, nothing recorded', async () => {
    await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: KEY }))
    const changed = { ...SEED_EXAMPLE, Comment: 'Test, edited' }
    const error = await errorJson(await client.post(changed, { idempotencyKey: KEY }), 422)
    expect(error.Message).toContain(KEY)
    expect(await client.changeRequests()).toHaveLength(1)
  })

  it('different keys record different change requests', async () => {
    const a = await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: `${KEY}-a` }))
    const b = await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: `${KEY}-b` }))
    expect(b).toBe(a + 1)
  })

  it('a refused request does not use up its key', async () => {
    await errorJson(
      await client.post({ ...SEED_EXAMPLE, ContactIndvId: '76' }, { idempotencyKey: KEY }),
      400
    )
    const fixed = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY })
    await acceptedId(fixed)
    expect(fixed.headers.get('idempotent-replayed')).toBe('false')
  })

  it('keys belong to a user: another user’s identical key is a new change request', async () => {
    const mine = await acceptedId(await client.post(SEED_EXAMPLE, { idempotencyKey: KEY }))
    const theirs = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY, as: 'clerk' })
    expect(await acceptedId(theirs)).toBe(mine + 1)
    expect(theirs.headers.get('idempotent-replayed')).toBe('false')
  })

  it('without a key there is no Idempotent-Replayed header, and repeats are recorded', async () => {
    const first = await client.post(SEED_EXAMPLE)
    const second = await client.post(SEED_EXAMPLE)
    expect(await acceptedId(second)).toBe((await acceptedId(first)) + 1)
    expect(first.headers.has('idempotent-replayed')).toBe(false)
    expect((await client.changeRequests()).map((request) => request.IdempotencyKey)).toEqual([
      null,
      null
    ])
  })

  it('a concurrent burst with one key records exactly one change request', async () => {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => client.post(SEED_EXAMPLE, { idempotencyKey: KEY }))
    )
    const answerIds = await Promise.all(answers.map(acceptedId))
    expect(new Set(answerIds).size).toBe(1)
    const replayed = answers.map((answer) => answer.headers.get('idempotent-replayed'))
    expect(replayed.filter((value) => value === 'false')).toHaveLength(1)
    expect(await client.changeRequests()).toHaveLength(1)
  })
})

describe('Idempotency-Key, switched off by the fault settings', () => {
  it('every POST records a new change request, without the header', async () => {
    await client.setFaults({ honourIdempotency: false })
    const first = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY })
    const second = await client.post(SEED_EXAMPLE, { idempotencyKey: KEY })
    expect(await acceptedId(second)).toBe((await acceptedId(first)) + 1)
    expect(first.headers.has('idempotent-replayed')).toBe(false)
    expect(second.headers.has('idempotent-replayed')).toBe(false)
    const different = await client.post(
      { ...SEED_EXAMPLE, Comment: 'other' },
      { idempotencyKey: KEY }
    )
    await acceptedId(different)
    const log = await client.changeRequests()
    expect(log).toHaveLength(3)
    // The key is still logged as received, so a test can see the duplicate.
    expect(log.every((request) => request.IdempotencyKey === KEY)).toBe(true)
  })
})
