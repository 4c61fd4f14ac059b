import { describe, expect, it } from 'vitest'
import { CLOSING_MESSAGE, OTHER_SITE_MESSAGE, STOPPED_MESSAGE } from '$main/batch-posting'
import { accepted, batchOf, schedulerHarness, sendItem, settle } from '../support/scheduler-rig'

const items = (...ids: string[]) => ids.map(sendItem)

describe('delivery scheduler: stopping a batch', () => {
  it('starts no new request once the page stops its site; requests out finish', async () => {
    const harness = schedulerHarness({ concurrency: 2 })
    const batch = harness.scheduler.sendBatch(batchOf(items('a', 'b', 'c', 'd')), 1)
    await settle()
    expect(harness.pending.map((entry) => entry.item.id)).toEqual(['a', 'b'])

    harness.scheduler.stop(batchOf([]).siteKey, 1)
    harness.pending[0]?.answer(accepted(1))
    harness.pending[1]?.answer(accepted(2))
    const result = await batch

    expect(harness.pending).toHaveLength(2)
    expect(result.paused).toBe(false)
    expect(result.results).toEqual([
      { id: 'a', outcome: accepted(1) },
      { id: 'b', outcome: accepted(2) },
      { id: 'c', outcome: { kind: 'not-attempted', message: STOPPED_MESSAGE } },
      { id: 'd', outcome: { kind: 'not-attempted', message: STOPPED_MESSAGE } }
    ])
    expect(harness.scheduler.state().paused).toBe(false)
  })

  it('ignores a stop for another site or from another window', async () => {
    const harness = schedulerHarness({ concurrency: 1 })
    const batch = harness.scheduler.sendBatch(batchOf(items('a', 'b')), 1)
    await settle()
    harness.scheduler.stop('practice#12345', 1)
    harness.scheduler.stop(batchOf([]).siteKey, 2)
    harness.pending[0]?.answer(accepted(1))
    await settle()
    harness.pending[1]?.answer(accepted(2))
    expect((await batch).results.map((entry) => entry.outcome.kind)).toEqual([
      'accepted',
      'accepted'
    ])
  })

  it('sends nothing of a site other than the signed-in one, and does not pause', async () => {
    const harness = schedulerHarness()
    const result = await harness.scheduler.sendBatch(
      batchOf(items('a'), 'https://other.example/api_accessacs_mobile/v2#9'),
      1
    )
    expect(result).toEqual({
      results: [{ id: 'a', outcome: { kind: 'not-attempted', message: OTHER_SITE_MESSAGE } }],
      paused: false
    })
    expect(harness.pending).toEqual([])
    expect(harness.scheduler.state().paused).toBe(false)
  })
})

describe('delivery scheduler: idle, for a quit', () => {
  it('is idle at once when nothing was sent', async () => {
    const harness = schedulerHarness()
    expect(await harness.scheduler.whenIdle(1_000)).toBe(true)
  })

  it('becomes idle only once the batch is answered and the page has reported its answers written', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(batchOf(items('a')), 1)
    await settle()
    let idle: boolean | undefined
    void harness.scheduler.whenIdle(10_000).then((value) => (idle = value))

    harness.pending[0]?.answer(accepted(1))
    await batch
    await settle()
    expect(idle).toBeUndefined()

    // Another window's report says nothing about this window's answers, nor does a capture's.
    harness.scheduler.report({ unsentCount: 0, nextDueAt: null, captured: false }, 2)
    harness.scheduler.report({ unsentCount: 1, nextDueAt: null, captured: true }, 1)
    await settle()
    expect(idle).toBeUndefined()

    harness.scheduler.report({ unsentCount: 0, nextDueAt: null, captured: false }, 1)
    await settle()
    expect(idle).toBe(true)
  })

  it('waits while the page holds answers its storage refused, then gives up at the deadline', async () => {
    const harness = schedulerHarness()
    harness.scheduler.report(
      { unsentCount: 2, nextDueAt: null, captured: false, unsavedAnswers: 2 },
      1
    )
    let idle: boolean | undefined
    void harness.scheduler.whenIdle(15_000).then((value) => (idle = value))
    harness.clock.advance(14_999)
    await settle()
    expect(idle).toBeUndefined()
    harness.clock.advance(1)
    await settle()
    expect(idle).toBe(false)

    harness.scheduler.report({ unsentCount: 2, nextDueAt: null, captured: false }, 1)
    expect(await harness.scheduler.whenIdle(1)).toBe(true)
  })

  it('holding for a quit: the batch out stops early, nothing new goes, nobody is woken', async () => {
    const harness = schedulerHarness({ concurrency: 1 })
    const batch = harness.scheduler.sendBatch(batchOf(items('a', 'b')), 1)
    await settle()
    const release = harness.scheduler.holdForQuit()
    harness.pending[0]?.answer(accepted(1))
    const result = await batch
    expect(result.results[1]).toEqual({
      id: 'b',
      outcome: { kind: 'not-attempted', message: CLOSING_MESSAGE }
    })
    expect(result.paused).toBe(false)

    const refused = await harness.scheduler.sendBatch(batchOf(items('c')), 1)
    expect(refused.results[0]?.outcome).toEqual({ kind: 'not-attempted', message: CLOSING_MESSAGE })
    harness.scheduler.report({ unsentCount: 2, nextDueAt: harness.clock.now(), captured: true }, 1)
    harness.scheduler.onResume()
    harness.clock.advance(60_000)
    expect(harness.wakes).toEqual([])
    expect(harness.pending).toHaveLength(1)

    // A second launch called the quit off: sending goes on, starting with a wake.
    release()
    expect(harness.wakes).toEqual(['manual'])
    const after = harness.scheduler.sendBatch(batchOf(items('c')), 1)
    await settle()
    harness.pending[1]?.answer(accepted(3))
    expect((await after).results[0]?.outcome.kind).toBe('accepted')
  })
})
