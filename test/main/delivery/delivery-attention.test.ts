import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { ChangeRequest } from '$shared/change-request'
import { blockedBy } from '$shared/outbox/delivery-order'
import type { Connection } from '$shared/lookups'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { keepOpenBody, newConnectionBody } from '../../shared/support/outbox-fixtures'
import { comment, expectCleanLogs, expectEachRecordedOnce } from '../support/delivery-checks'
import { createDeliveryWorld, type DeliveryWorld } from '../support/delivery-world'

const NEW_PASSWORD = 'a-brand-new-password-77'

let fixture: SiteFixture
let world: DeliveryWorld | undefined
let closedConnection: Connection

beforeAll(async () => {
  fixture = await startSite()
  const probe = await createDeliveryWorld(fixture)
  // Closed connections are in no list of assignments; the first few hold one whatever the seed.
  const firstFew = await Promise.all(
    Array.from({ length: 12 }, (_, index) => probe.api.connection(probe.credentials, index + 1))
  )
  const closed = firstFew.find((connection) => connection.completed)
  if (!closed) throw new Error('the practice site has no closed connection')
  closedConnection = closed
  await probe.close()
})

afterEach(async () => {
  if (world) {
    expectCleanLogs(world, ['password231', NEW_PASSWORD])
    await world.close()
    world = undefined
  }
  await fixture.reset()
})

afterAll(async () => {
  await fixture.close()
})

describe('delivery: sign-in trouble', () => {
  it.each([
    ['the user is revoked', { revokedUsers: ['jadams'] }],
    ['the password changed', { passwords: { jadams: NEW_PASSWORD } }]
  ])(
    'pauses on 401 (%s) without counting attempts, and resumes after a new sign-in',
    async (_name, faults) => {
      world = await createDeliveryWorld(fixture, { batchSize: 3 })
      await fixture.setFaults(faults)
      const items = await world.capture(
        ...Array.from({ length: 5 }, (_, index) => newConnectionBody(comment(`paused ${index}`)))
      )
      await world.runUntilQuiet()
      expect(world.scheduler.state()).toMatchObject({ paused: true })
      for (const item of world.store.all()) {
        expect(item.state).toBe('queued')
        expect(item.attempts).toEqual([])
      }
      expect(await fixture.changeRequests()).toHaveLength(0)

      // While paused, time passing and new captures wake nobody.
      const wakes = world.wakes.length
      world.clock.advance(60 * 60_000)
      await world.capture(newConnectionBody(comment('while paused')))
      expect(world.wakes).toHaveLength(wakes)

      await fixture.setFaults({ passwords: { jadams: NEW_PASSWORD } })
      await world.vault.save(
        { ...world.credentials, password: NEW_PASSWORD },
        { practice: true, persistWithoutKeychain: false }
      )
      world.scheduler.resume()
      expect(world.wakes.at(-1)).toBe('signed-in')
      await world.runUntilQuiet()
      expect(world.scheduler.state().paused).toBe(false)
      const ids = world.store.all().map((item) => item.id)
      expect(ids).toHaveLength(items.length + 1)
      expectEachRecordedOnce(world, await fixture.changeRequests(), ids)
      for (const item of world.store.all()) {
        expect(item.attempts.map((attempt) => attempt.outcome)).toEqual(['accepted'])
      }
      expect(world.scheduler.state().lastSuccessAt).toBe(world.clock.now())
    }
  )

  it('pauses when nobody is signed in, and sends after the sign-in', async () => {
    world = await createDeliveryWorld(fixture)
    await world.vault.clear()
    const [captured] = await world.capture(newConnectionBody(comment('signed out')))
    await world.settle()
    expect(world.scheduler.state().paused).toBe(true)
    expect(world.store.get(captured?.id ?? '')?.state).toBe('queued')
    await world.vault.save(world.credentials, { practice: true, persistWithoutKeychain: false })
    world.scheduler.resume()
    await world.runUntilQuiet()
    expect(world.store.get(captured?.id ?? '')?.state).toBe('sent')
  })
})

describe('delivery: answers that are not a success', () => {
  it.each(['no-id', 'junk', 'truncated-json', 'huge'] as const)(
    'a 200 with a %s body needs attention, may have arrived, and is never "sent"',
    async (body) => {
      world = await createDeliveryWorld(fixture)
      await fixture.setFaults({ rules: [{ kind: 'malformed', body, times: 1 }] })
      const [captured] = await world.capture(newConnectionBody(comment(body)))
      await world.runUntilQuiet()
      const item = world.store.get(captured?.id ?? '')
      expect(item?.state).toBe('needs-attention')
      expect(item?.uncertain).toBe(true)
      expect(item?.receipt).toBeUndefined()
      expect(item?.attention?.status).toBe(200)
      expect(item?.attention?.message).toMatch(/not counted as sent/)
    }
  )

  it('an HTML error page (500) is retried, then sent once', async () => {
    world = await createDeliveryWorld(fixture)
    await fixture.setFaults({ rules: [{ kind: 'malformed', body: 'html', times: 2 }] })
    const [captured] = await world.capture(newConnectionBody(comment('html')))
    await world.settle()
    expect(world.store.get(captured?.id ?? '')?.state).toBe('waiting')
    expect(world.store.get(captured?.id ?? '')?.attempts[0]?.message).toContain('Runtime Error')
    await world.runUntilQuiet()
    const item = world.store.get(captured?.id ?? '')
    expect(item?.attempts.map((attempt) => attempt.outcome)).toEqual([
      'retryable',
      'retryable',
      'accepted'
    ])
    expectEachRecordedOnce(world, await fixture.changeRequests(), [item?.id ?? ''])
  })

  it('a refused item waits for the clerk without holding back other connections', async () => {
    world = await createDeliveryWorld(fixture, { batchSize: 4 })
    const invalid = {
      ...newConnectionBody(comment('bad date')),
      ConnectionDate: '02/30/2025'
    } as ChangeRequest
    const [unknown, behindUnknown, closed, local, ...good] = await world.capture(
      keepOpenBody(987_654, comment('unknown connection')),
      keepOpenBody(987_654, comment('after the unknown one')),
      keepOpenBody(closedConnection.id, comment('closed'), {
        connectionTypeId: closedConnection.typeId,
        contactIndvId: closedConnection.contact?.id ?? 76,
        familyConnection: closedConnection.familyConnection
      }),
      invalid,
      ...Array.from({ length: 6 }, (_, index) => newConnectionBody(comment(`good ${index}`)))
    )
    await world.runUntilQuiet()
    const state = (id: string | undefined) => world?.store.get(id ?? '')
    expect(state(unknown?.id)).toMatchObject({
      state: 'needs-attention',
      attention: { status: 404 }
    })
    expect(state(closed?.id)).toMatchObject({
      state: 'needs-attention',
      attention: { status: 400 }
    })
    expect(state(closed?.id)?.attention?.fieldErrors.ConnectionId?.[0]).toMatch(/closed/)
    expect(state(local?.id)).toMatchObject({ state: 'needs-attention', attention: { status: 0 } })
    expect(state(local?.id)?.attention?.fieldErrors.ConnectionDate).toBeDefined()
    // The later result for the unknown connection waits behind it, unsent.
    const behind = state(behindUnknown?.id)
    expect(behind?.state).toBe('queued')
    expect(behind && blockedBy(behind, world.store.all())?.item.id).toBe(unknown?.id)
    expectEachRecordedOnce(
      world,
      await fixture.changeRequests(),
      good.map((item) => item.id)
    )
  })
})
