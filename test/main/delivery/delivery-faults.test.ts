import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { Connection } from '$shared/lookups'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { keepOpenBody, newConnectionBody } from '../../shared/support/outbox-fixtures'
import { comment, expectCleanLogs, expectEachRecordedOnce } from '../support/delivery-checks'
import { createDeliveryWorld, type DeliveryWorld } from '../support/delivery-world'

let fixture: SiteFixture
let world: DeliveryWorld | undefined
let openConnections: Connection[]

beforeAll(async () => {
  fixture = await startSite()
  const probe = await createDeliveryWorld(fixture)
  openConnections = await probe.openConnections()
  await probe.close()
})

afterEach(async () => {
  if (world) {
    expectCleanLogs(world, ['password231'])
    await world.close()
    world = undefined
  }
  await fixture.reset()
})

afterAll(async () => {
  await fixture.close()
})

function keepOpen(connection: Connection, text: string) {
  return keepOpenBody(connection.id, comment(text), {
    connectionTypeId: connection.typeId,
    contactIndvId: connection.contact?.id ?? 76,
    familyConnection: connection.familyConnection
  })
}

const FAULTS = [
  ['drop-before', [{ kind: 'drop-before', rate: 0.5 }]],
  ['drop-after', [{ kind: 'drop-after', rate: 0.5 }]],
  ['500 at half the requests', [{ kind: 'status', status: 500, rate: 0.5 }]],
  ['503 with Retry-After', [{ kind: 'retry-after', status: 503, retryAfter: 2, rate: 0.5 }]],
  [
    'all of them at once',
    [
      { kind: 'drop-before', rate: 0.2 },
      { kind: 'drop-after', rate: 0.25 },
      { kind: 'status', status: 500, rate: 0.25 },
      { kind: 'retry-after', status: 503, retryAfter: 1, rate: 0.3 }
    ]
  ]
] as const

describe('delivery through faults, while the site honours Idempotency-Key', () => {
  it.each(FAULTS)('records every item exactly once: %s', async (_name, rules) => {
    world = await createDeliveryWorld(fixture, { batchSize: 5 })
    await fixture.setFaults({ rules, seed: 11 })
    const connection = openConnections[0]
    if (!connection) throw new Error('the practice site has no open connection')
    const items = await world.capture(
      ...Array.from({ length: 9 }, (_, index) => newConnectionBody(comment(`new ${index}`))),
      ...['first', 'second', 'third'].map((text) => keepOpen(connection, text))
    )
    await world.runUntilQuiet()
    const recorded = await fixture.changeRequests()
    expectEachRecordedOnce(
      world,
      recorded,
      items.map((item) => item.id)
    )
    for (const item of world.store.all()) {
      // The site's answer to the resend proved the first copy was the only one.
      expect(item.receipt?.possibleDuplicate).toBe(false)
    }
    // Results for one connection reach the site in the order they were captured.
    const forConnection = recorded
      .filter((entry) => (entry.Body as { ConnectionId: number }).ConnectionId === connection.id)
      .map((entry) => (entry.Body as { Comment: string }).Comment)
    expect(forConnection).toEqual(['first', 'second', 'third'].map(comment))
    // The faults really struck: some item needed more than one attempt.
    expect(world.store.all().some((item) => item.attempts.length > 1)).toBe(true)
  })

  it.each([1, 30])(
    'waits at least the Retry-After of %d s before trying again',
    async (seconds) => {
      world = await createDeliveryWorld(fixture)
      await fixture.setFaults({
        rules: [{ kind: 'retry-after', status: 429, retryAfter: seconds, times: 1 }]
      })
      const [captured] = await world.capture(newConnectionBody(comment('busy')))
      await world.settle()
      const waiting = world.store.get(captured?.id ?? '')
      expect(waiting?.state).toBe('waiting')
      const triedAt = waiting?.attempts[0]?.at ?? Number.NaN
      expect(waiting?.nextAttemptAt).toBeGreaterThanOrEqual(triedAt + seconds * 1_000)

      // Nothing goes out before the due time: no wake, no request.
      const wakes = world.wakes.length
      world.clock.advance((waiting?.nextAttemptAt ?? 0) - world.clock.now() - 1)
      await world.settle()
      expect(world.wakes).toHaveLength(wakes)
      expect(await fixture.changeRequests()).toHaveLength(0)

      world.clock.advance(1)
      expect(world.wakes.at(-1)).toBe('retry-due')
      await world.settle()
      expect(world.store.get(captured?.id ?? '')?.state).toBe('sent')
      expect(await fixture.changeRequests()).toHaveLength(1)
    }
  )

  it('marks a possible duplicate when the site ignores Idempotency-Key and an answer was lost', async () => {
    world = await createDeliveryWorld(fixture)
    await fixture.setFaults({ honourIdempotency: false, rules: [{ kind: 'drop-after', times: 1 }] })
    const [captured] = await world.capture(newConnectionBody(comment('twice?')))
    await world.runUntilQuiet()
    const item = world.store.get(captured?.id ?? '')
    expect(item?.state).toBe('sent')
    expect(item?.uncertain).toBe(true)
    expect(item?.receipt?.possibleDuplicate).toBe(true)
    const recorded = await fixture.changeRequests()
    expect(recorded.filter((entry) => entry.IdempotencyKey === item?.idempotencyKey)).toHaveLength(
      2
    )
    expect(item?.receipt?.connectionCRId).toBe(recorded[1]?.ConnectionCRId)
  })

  it('rules out a duplicate when the site honours Idempotency-Key after a lost answer', async () => {
    world = await createDeliveryWorld(fixture)
    await fixture.setFaults({ rules: [{ kind: 'drop-after', times: 1 }] })
    const [captured] = await world.capture(newConnectionBody(comment('once')))
    await world.runUntilQuiet()
    const item = world.store.get(captured?.id ?? '')
    expect(item?.attempts.map((attempt) => attempt.outcome)).toEqual(['no-answer', 'accepted'])
    expect(item?.receipt?.possibleDuplicate).toBe(false)
    expect(await fixture.changeRequests()).toHaveLength(1)
  })

  it('keeps capture order for one connection with four requests in parallel', async () => {
    world = await createDeliveryWorld(fixture, { concurrency: 4, batchSize: 10 })
    await fixture.setFaults({
      rules: [
        { kind: 'drop-before', rate: 0.3 },
        { kind: 'status', status: 503, rate: 0.3 }
      ],
      seed: 5
    })
    const [first, second] = openConnections
    if (!first || !second) throw new Error('the practice site needs two open connections')
    const texts = ['a', 'b', 'c', 'd', 'e']
    await world.capture(
      ...texts.flatMap((text) => [keepOpen(first, `1-${text}`), keepOpen(second, `2-${text}`)])
    )
    await world.runUntilQuiet()
    const recorded = await fixture.changeRequests()
    for (const [prefix, connection] of [
      ['1', first],
      ['2', second]
    ] as const) {
      const comments = recorded
        .filter((entry) => (entry.Body as { ConnectionId: number }).ConnectionId === connection.id)
        .map((entry) => (entry.Body as { Comment: string }).Comment)
      expect(comments).toEqual(texts.map((text) => comment(`${prefix}-${text}`)))
    }
  })
})
