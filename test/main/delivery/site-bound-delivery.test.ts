import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { RecordedChangeRequest } from '$sim/index'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'
import { comment } from '../support/delivery-checks'
import { createDeliveryWorld } from '../support/delivery-world'
import { expectTrueAccount } from '../support/site-account'
import { createTwoSiteWorld, type TwoSiteWorld } from '../support/two-site-world'

let churchSite: SiteFixture
let otherSite: SiteFixture
let world: TwoSiteWorld | undefined

beforeAll(async () => {
  churchSite = await startSite()
  otherSite = await startSite()
})

afterEach(async () => {
  await world?.close()
  world = undefined
  await Promise.all([churchSite.reset(), otherSite.reset()])
})

afterAll(async () => {
  await Promise.all([churchSite.close(), otherSite.close()])
})

const CHURCH = 0
const OTHER = 1

async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 5))
  }
}

function keysOf(records: RecordedChangeRequest[]): Set<string | null> {
  return new Set(records.map((record) => record.IdempotencyKey))
}

const bodies = (count: number, label: string) =>
  Array.from({ length: count }, (_, index) => newConnectionBody(comment(`${label} ${index}`)))

describe('delivery is bound to the site its items belong to', () => {
  it('a sign-in to another site while a batch is out does not send the rest of the outbox there', async () => {
    world = createTwoSiteWorld([churchSite, otherSite], { batchSize: 2 })
    await churchSite.setFaults({ latencyMs: 150 })
    await world.signIn(CHURCH)
    const church = world.outbox(CHURCH)
    church.listening = true
    const items = await world.capture(CHURCH, ...bodies(6, 'church'))
    await until(() => (world?.posts.length ?? 0) > 0, 'the first batch to leave')

    // The clerk signs out and into another site while the church's first batch is out.
    await world.signOut()
    await world.signIn(OTHER)
    await world.settle()

    expect(await otherSite.changeRequests()).toEqual([])
    expect(world.posts.every((post) => post.baseUrl === churchSite.site.baseUrl)).toBe(true)
    const sent = church.store.all().filter((item) => item.state === 'sent')
    expect(sent.length).toBeGreaterThan(0)
    expect(sent.length).toBeLessThan(items.length)
    await expectTrueAccount(world.outboxes)

    // Back on the church's own site, the rest goes out there.
    await world.signIn(CHURCH)
    await world.settle()
    expect(church.store.all().map((item) => item.state)).toEqual(items.map(() => 'sent'))
    expect(keysOf(await churchSite.changeRequests())).toEqual(
      new Set(items.map((item) => item.idempotencyKey))
    )
    await expectTrueAccount(world.outboxes)
  })

  it('a wake reaching the old site’s outbox after a sign-in elsewhere sends nothing there', async () => {
    world = createTwoSiteWorld([churchSite, otherSite])
    await world.signIn(CHURCH)
    const church = world.outbox(CHURCH)
    const items = await world.capture(CHURCH, ...bodies(3, 'waiting'))

    // A page that still listens for the church's outbox after the switch hears the wake.
    church.listening = true
    await world.signOut()
    await world.signIn(OTHER)
    await world.settle()

    expect(world.wakes).toContain('signed-in')
    expect(await otherSite.changeRequests()).toEqual([])
    expect(await churchSite.changeRequests()).toEqual([])
    for (const item of church.store.all()) {
      expect(item.state).toBe('queued')
      expect(item.attempts).toEqual([])
    }
    expect(items).toHaveLength(3)
  })

  it('answers an item of another site "not attempted" in plain words, without pausing', async () => {
    world = createTwoSiteWorld([churchSite, otherSite])
    await world.signIn(OTHER)
    const church = world.outbox(CHURCH)
    const [item] = await world.capture(CHURCH, ...bodies(1, 'elsewhere'))
    if (!item) throw new Error('nothing captured')

    const result = await world.scheduler.sendBatch(
      {
        siteKey: church.siteKey,
        items: [{ id: item.id, idempotencyKey: item.idempotencyKey, body: item.body }]
      },
      1
    )

    expect(result.paused).toBe(false)
    expect(result.results).toEqual([
      {
        id: item.id,
        outcome: {
          kind: 'not-attempted',
          message: expect.stringMatching(/signed in to (a different|another) site/i)
        }
      }
    ])
    expect(world.scheduler.state().paused).toBe(false)
    expect(await otherSite.changeRequests()).toEqual([])
  })

  it('keeps the credentials a batch started with when a sign-in lands in the middle of it', async () => {
    world = createTwoSiteWorld([churchSite, otherSite], { batchSize: 4, concurrency: 1 })
    await churchSite.setFaults({ latencyMs: 80 })
    await world.signIn(CHURCH)
    const church = world.outbox(CHURCH)
    church.listening = true
    const items = await world.capture(CHURCH, ...bodies(4, 'one batch'))
    await until(() => (world?.posts.length ?? 0) > 0, 'the first request to leave')

    await world.signIn(OTHER)
    church.listening = false
    await world.settle()

    expect(world.posts.map((post) => post.baseUrl)).toEqual(
      items.map(() => churchSite.site.baseUrl)
    )
    expect(await otherSite.changeRequests()).toEqual([])
    expect(keysOf(await churchSite.changeRequests())).toEqual(
      new Set(items.map((item) => item.idempotencyKey))
    )
    expect(church.store.all().map((item) => item.state)).toEqual(items.map(() => 'sent'))
  })

  it('sends practice results after a sign-in through the church form to the running practice site', async () => {
    // The same server under another name: its key leaves out the port, the form's has it.
    const practice = await createDeliveryWorld(churchSite)
    try {
      const items = await practice.capture(...bodies(2, 'practice'))
      await practice.vault.save(practice.credentials, {
        practice: false,
        persistWithoutKeychain: false
      })
      practice.scheduler.resume()
      await practice.runUntilQuiet()
      expect(practice.store.all().map((item) => item.state)).toEqual(items.map(() => 'sent'))
      expect(keysOf(await churchSite.changeRequests())).toEqual(
        new Set(items.map((item) => item.idempotencyKey))
      )
    } finally {
      await practice.close()
    }
  })

  it('sends no practice result while signed in to a church site elsewhere', async () => {
    world = createTwoSiteWorld([churchSite, otherSite])
    await world.signIn(OTHER)
    const [item] = await world.capture(CHURCH, ...bodies(1, 'practice'))
    if (!item) throw new Error('nothing captured')
    const result = await world.scheduler.sendBatch(
      {
        siteKey: 'practice#12345',
        items: [{ id: item.id, idempotencyKey: item.idempotencyKey, body: item.body }]
      },
      1
    )
    expect(result.results[0]?.outcome.kind).toBe('not-attempted')
    expect(world.posts).toEqual([])
  })
})
