import { describe, expect, it } from 'vitest'
import { SenderBusyError } from '$shared/errors'
import {
  accepted,
  batchOf,
  schedulerHarness,
  sendItem,
  settle,
  unauthorized
} from '../support/scheduler-rig'

describe('delivery scheduler: sending a batch', () => {
  it('sends with bounded concurrency and answers in the batch’s order', async () => {
    const harness = schedulerHarness({ concurrency: 3 })
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map(sendItem)
    const batch = harness.scheduler.sendBatch(batchOf(items), 1)
    await settle()
    expect(harness.pending.map((entry) => entry.item.id)).toEqual(['a', 'b', 'c'])
    // Answer out of order: each finished request makes room for the next item.
    let crId = 100
    while (harness.pending.length > 0) {
      const entry = harness.pending.pop()
      if (!entry) break
      entry.answer(accepted(crId++))
      await settle()
    }
    const result = await batch
    expect(harness.maxInFlight()).toBe(3)
    expect(result.paused).toBe(false)
    expect(result.results.map((entry) => entry.id)).toEqual(items.map((item) => item.id))
    expect(result.results.every((entry) => entry.outcome.kind === 'accepted')).toBe(true)
  })

  it('uses four requests at a time by default', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(
      batchOf(['a', 'b', 'c', 'd', 'e', 'f'].map(sendItem)),
      1
    )
    await settle()
    expect(harness.pending).toHaveLength(4)
    for (let index = 0; index < 6; index++) {
      harness.pending[index]?.answer(accepted(index + 1))
      await settle()
    }
    await batch
    expect(harness.maxInFlight()).toBe(4)
  })

  it('records the last success and tells the page', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await settle()
    harness.clock.advance(1_234)
    harness.pending[0]?.answer(accepted(7))
    await batch
    expect(harness.scheduler.state().lastSuccessAt).toBe(harness.clock.now())
    expect(harness.states.at(-1)?.lastSuccessAt).toBe(harness.clock.now())
  })

  it('refuses a second sender while a batch is out, and accepts it afterwards', async () => {
    const harness = schedulerHarness()
    const first = harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await expect(harness.scheduler.sendBatch(batchOf([sendItem('b')]), 2)).rejects.toBeInstanceOf(
      SenderBusyError
    )
    await expect(harness.scheduler.sendBatch(batchOf([sendItem('b')]), 1)).rejects.toBeInstanceOf(
      SenderBusyError
    )
    await settle()
    harness.pending[0]?.answer(accepted(1))
    await first
    const second = harness.scheduler.sendBatch(batchOf([sendItem('b')]), 2)
    await settle()
    harness.pending[1]?.answer(accepted(2))
    expect((await second).results[0]?.outcome.kind).toBe('accepted')
  })

  it('pauses at the first 401: items not yet started come back not attempted', async () => {
    const harness = schedulerHarness({ concurrency: 2 })
    const batch = harness.scheduler.sendBatch(batchOf(['a', 'b', 'c', 'd', 'e'].map(sendItem)), 1)
    await settle()
    harness.pending[0]?.answer(unauthorized)
    await settle()
    // b was already out when the 401 came: it finishes with its own answer.
    expect(harness.pending).toHaveLength(2)
    harness.pending[1]?.answer(accepted(9))
    const result = await batch
    expect(result.paused).toBe(true)
    expect(result.results.map((entry) => entry.outcome.kind)).toEqual([
      'unauthorized',
      'accepted',
      'not-attempted',
      'not-attempted',
      'not-attempted'
    ])
    expect(harness.scheduler.state()).toMatchObject({ paused: true })
    expect(harness.scheduler.state().pauseReason).toMatch(/sign in again/i)
  })

  it('while paused sends nothing and wakes nobody, until a sign-in resumes it', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await settle()
    harness.pending[0]?.answer(unauthorized)
    await batch
    const whilePaused = await harness.scheduler.sendBatch(batchOf([sendItem('b')]), 1)
    expect(whilePaused).toEqual({
      results: [{ id: 'b', outcome: expect.objectContaining({ kind: 'not-attempted' }) }],
      paused: true
    })
    expect(harness.pending).toHaveLength(1)
    harness.scheduler.report(
      { unsentCount: 2, nextDueAt: harness.clock.now() + 1_000, captured: true },
      1
    )
    harness.clock.advance(60_000)
    harness.scheduler.onResume()
    expect(harness.wakes).toEqual([])

    harness.scheduler.resume()
    expect(harness.wakes).toEqual(['signed-in'])
    expect(harness.scheduler.state().paused).toBe(false)
    expect(harness.states.at(-1)).toMatchObject({ paused: false })
    const after = harness.scheduler.sendBatch(batchOf([sendItem('b')]), 1)
    await settle()
    harness.pending[1]?.answer(accepted(3))
    expect((await after).paused).toBe(false)
  })

  it('pauses without calling the site when nobody is signed in', async () => {
    const harness = schedulerHarness({ signedIn: false })
    const result = await harness.scheduler.sendBatch(batchOf([sendItem('a'), sendItem('b')]), 1)
    expect(result.paused).toBe(true)
    expect(result.results.map((entry) => entry.outcome.kind)).toEqual([
      'not-attempted',
      'not-attempted'
    ])
    expect(harness.pending).toHaveLength(0)
    expect(harness.scheduler.state().pauseReason).toMatch(/sign in/i)
  })

  it('does not pause for a 401 to credentials replaced by a sign-in meanwhile', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await settle()
    harness.scheduler.resume()
    harness.pending[0]?.answer(unauthorized)
    const result = await batch
    expect(result.results[0]?.outcome.kind).toBe('unauthorized')
    expect(harness.scheduler.state().paused).toBe(false)
  })

  it('treats a fault inside the client as "may have arrived", not as a lost batch', async () => {
    const harness = schedulerHarness()
    const batch = harness.scheduler.sendBatch(batchOf([sendItem('a'), sendItem('b')]), 1)
    await settle()
    harness.pending[0]?.fail(new TypeError('boom'))
    harness.pending[1]?.answer(accepted(5))
    const result = await batch
    expect(result.results.map((entry) => entry.outcome.kind)).toEqual(['no-answer', 'accepted'])
  })
})
