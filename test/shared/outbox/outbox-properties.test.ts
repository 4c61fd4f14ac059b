import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import { OutboxWorld, type WorldAction } from '../support/outbox-world'

const message = fc.constantFrom('', 'The service said so', '  ')

const outcomeArb: fc.Arbitrary<DeliveryOutcome> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('accepted' as const),
      connectionCRId: fc.integer({ min: 1, max: 1_000_000 }),
      status: fc.constant(200),
      idempotencyHonoured: fc.boolean()
    })
  },
  fc.record({
    kind: fc.constant('rejected' as const),
    status: fc.constantFrom(400, 403, 404, 409, 413, 422),
    message,
    fieldErrors: fc.constantFrom<Record<string, string[]>>(
      {},
      { Comment: ['Too long'] },
      { '': ['Bad request'] }
    )
  }),
  fc.record({
    kind: fc.constant('unexpected-answer' as const),
    status: fc.constantFrom(200, 201, 204),
    message
  }),
  {
    weight: 3,
    arbitrary: fc.record(
      {
        kind: fc.constant('retryable' as const),
        status: fc.constantFrom(429, 500, 502, 503),
        message,
        retryAfterMs: fc.integer({ min: 0, max: 2 * 3_600_000 })
      },
      { requiredKeys: ['kind', 'message'] }
    )
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('no-answer' as const), message }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('unauthorized' as const), message }) },
  fc.record({ kind: fc.constant('not-attempted' as const), message })
)

const actionArb: fc.Arbitrary<WorldAction> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('capture' as const),
      connectionId: fc.constantFrom(-1, 1, 2, 3)
    })
  },
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('deliver' as const),
      limit: fc.integer({ min: 1, max: 6 }),
      outcomes: fc.array(outcomeArb, { minLength: 1, maxLength: 6 }),
      crashAfter: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        fc.integer({ min: 0, max: 5 })
      )
    })
  },
  {
    weight: 3,
    arbitrary: fc.record({ kind: fc.constant('tick' as const), ms: fc.nat(1_800_000) })
  },
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), change: fc.boolean() }),
  fc.record({ kind: fc.constant('retry' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('discard' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('restart' as const) })
)

const scripts = fc.array(actionArb, { minLength: 1, maxLength: 120, size: 'max' })

/** The same, with a clock that jumps back, a line that comes back, and "Send all now". */
const timedActionArb: fc.Arbitrary<WorldAction> = fc.oneof(
  { weight: 6, arbitrary: actionArb },
  fc.record({
    kind: fc.constant('clock-back' as const),
    ms: fc.oneof(fc.nat(120_000), fc.integer({ min: 1, max: 3 * 24 * 3_600_000 }))
  }),
  fc.record({ kind: fc.constant('line-back' as const) }),
  fc.record({ kind: fc.constant('send-all' as const) })
)
const timedScripts = fc.array(timedActionArb, { minLength: 1, maxLength: 120, size: 'max' })

describe('outbox properties', () => {
  it('no item is lost, discarded unasked, unsent again, or sent out of capture order', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        const world = new OutboxWorld()
        for (const action of script) {
          world.apply(action)
          world.checkPromises()
        }
      }),
      { numRuns: 300 }
    )
  })

  it('one bad item never stops the queue: with the service back, everything kept is sent', () => {
    fc.assert(
      fc.property(scripts, (script) => {
        const world = new OutboxWorld()
        for (const action of script) world.apply(action)
        world.drain()
        for (const item of world.list()) expect(['sent', 'discarded']).toContain(item.state)
      }),
      { numRuns: 150 }
    )
  })

  it('a 401 changes no item and records no attempt', () => {
    const unauthorized: DeliveryOutcome = { kind: 'unauthorized', message: 'Sign in again' }
    fc.assert(
      fc.property(scripts, fc.integer({ min: 1, max: 50 }), (script, limit) => {
        const world = new OutboxWorld()
        for (const action of script) world.apply(action)
        const before = structuredClone(world.list())
        world.deliver(limit, [unauthorized], null)
        expect(world.list()).toStrictEqual(before)
      }),
      { numRuns: 150 }
    )
  })

  it('a clock set back never parks an item past the longest wait it may have been given', () => {
    fc.assert(
      fc.property(timedScripts, (script) => {
        const world = new OutboxWorld()
        for (const action of script) {
          world.apply(action)
          world.checkPromises()
          world.checkNothingParked()
        }
      }),
      { numRuns: 300 }
    )
  })

  it('the line coming back hurries only what waits for the line; Send all now, all that waits', () => {
    fc.assert(
      fc.property(timedScripts, (script) => {
        const world = new OutboxWorld()
        for (const action of script) world.apply(action)
        // The world checks each step; these end every script, after any history at all.
        world.apply({ kind: 'line-back' })
        world.apply({ kind: 'send-all' })
        world.checkPromises()
      }),
      { numRuns: 200 }
    )
  })
})
