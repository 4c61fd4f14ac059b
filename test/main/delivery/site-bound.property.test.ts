import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'
import { comment } from '../support/delivery-checks'
import { expectTrueAccount } from '../support/site-account'
import { createTwoSiteWorld, type TwoSiteWorld } from '../support/two-site-world'

let sites: [SiteFixture, SiteFixture]

beforeAll(async () => {
  sites = [await startSite(), await startSite()]
  // Answers come back late and in any order, so moves land while batches are out.
  await Promise.all(sites.map((site) => site.setFaults({ latencyMs: { min: 0, max: 25 } })))
})

afterAll(async () => {
  await Promise.all(sites.map((site) => site.close()))
})

/**
 * The clerk's moves, and the page's: a careful page stops one site's delivery before the
 * session changes (halt), a forgetful one goes on listening for the old site's wakes.
 */
type Move =
  | { kind: 'capture'; site: number; count: number }
  | { kind: 'sign-in'; site: number; careful: boolean }
  | { kind: 'sign-out'; careful: boolean }
  | { kind: 'listen'; site: number; on: boolean }
  | { kind: 'wake' }
  | { kind: 'wait'; ms: number }

const site = fc.integer({ min: 0, max: 1 })
const move: fc.Arbitrary<Move> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('capture'),
      site,
      count: fc.integer({ min: 1, max: 5 })
    }),
    weight: 4
  },
  {
    arbitrary: fc.record({ kind: fc.constant('sign-in'), site, careful: fc.boolean() }),
    weight: 3
  },
  { arbitrary: fc.record({ kind: fc.constant('sign-out'), careful: fc.boolean() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('listen'), site, on: fc.boolean() }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('wake') }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('wait'), ms: fc.integer({ min: 0, max: 30 }) }),
    weight: 2
  }
) as fc.Arbitrary<Move>

/** A session starts as the app starts: signed in to one site, its outbox listening. */
const session = fc.tuple(site, fc.array(move, { minLength: 4, maxLength: 30 }))

let captured = 0

/** Plays the moves without waiting for the drains they start, as a clerk does not either. */
async function play(world: TwoSiteWorld, moves: readonly Move[]): Promise<void> {
  const stopOthers = async (): Promise<void> => {
    // The careful page halts every outbox's delivery before the session changes.
    for (const outbox of world.outboxes) {
      outbox.listening = false
      await outbox.loop.halt()
    }
  }
  for (const step of moves) {
    switch (step.kind) {
      case 'capture': {
        const texts = Array.from({ length: step.count }, () => comment(`p${++captured}`))
        await world.capture(step.site, ...texts.map((text) => newConnectionBody(text)))
        break
      }
      case 'sign-in':
        if (step.careful) await stopOthers()
        await world.signIn(step.site)
        if (step.careful) {
          world.outbox(step.site).loop.resume()
          world.outbox(step.site).listening = true
        }
        break
      case 'sign-out':
        if (step.careful) await stopOthers()
        await world.signOut()
        break
      case 'listen':
        world.outbox(step.site).listening = step.on
        if (step.on) world.outbox(step.site).loop.resume()
        break
      case 'wake':
        world.scheduler.onResume()
        break
      case 'wait':
        await new Promise((resolve) => setTimeout(resolve, step.ms))
        break
    }
  }
}

/** Signs in to each site in turn, its outbox alone listening, until its outbox is sent. */
async function deliverEverything(world: TwoSiteWorld): Promise<void> {
  for (const [index, outbox] of world.outboxes.entries()) {
    for (const other of world.outboxes) {
      other.listening = false
      await other.loop.halt()
    }
    await world.signIn(index)
    outbox.loop.resume()
    outbox.listening = true
    for (let round = 0; round < 20; round++) {
      world.scheduler.onResume()
      await world.settle()
      if (outbox.store.all().every((item) => item.state === 'sent')) break
    }
    expect(outbox.store.all().filter((item) => item.state !== 'sent')).toEqual([])
  }
}

describe('site-bound delivery, whatever the clerk does', () => {
  it(
    'never posts an item to another site, and every item ends with a true account',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(session, async ([first, moves]) => {
          const world = createTwoSiteWorld(sites, { batchSize: 2, concurrency: 2 })
          try {
            await play(world, [{ kind: 'sign-in', site: first, careful: true }, ...moves])
            await world.settle()
            await expectTrueAccount(world.outboxes)
            await deliverEverything(world)
            await expectTrueAccount(world.outboxes)
          } finally {
            await world.close()
          }
        }),
        { numRuns: 40 }
      )
    }
  )
})
