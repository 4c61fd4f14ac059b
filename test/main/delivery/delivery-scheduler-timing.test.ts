import { describe, expect, it } from 'vitest'
import { REPEATED_DUE_DELAY_MS } from '$main/delivery-scheduler'
import { schedulerHarness } from '../support/scheduler-rig'

const report = (nextDueAt: number | null, captured = false, unsentCount = 1) => ({
  unsentCount,
  nextDueAt,
  captured
})

describe('delivery scheduler: when it wakes the page', () => {
  it('wakes at start and when something is captured', () => {
    const { scheduler, wakes } = schedulerHarness()
    scheduler.start()
    scheduler.report(report(null, true), 1)
    expect(wakes).toEqual(['start', 'captured'])
  })

  it('wakes when the earliest retry falls due, not before', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    scheduler.report(report(clock.now() + 5_000), 1)
    clock.advance(4_999)
    expect(wakes).toEqual([])
    clock.advance(1)
    expect(wakes).toEqual(['retry-due'])
    clock.advance(60_000)
    expect(wakes).toEqual(['retry-due'])
  })

  it('follows the newest report: an earlier due time replaces a later one, null clears it', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    scheduler.report(report(clock.now() + 60_000), 1)
    scheduler.report(report(clock.now() + 2_000), 1)
    clock.advance(2_000)
    expect(wakes).toEqual(['retry-due'])
    scheduler.report(report(clock.now() + 1_000), 1)
    scheduler.report(report(null, false, 0), 1)
    clock.advance(10 * 60_000)
    expect(wakes).toEqual(['retry-due'])
    expect(clock.pendingTimers()).toBe(0)
  })

  it('wakes at once for a due time already past, but spaces out a repeat of it', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    const past = clock.now() - 1_000
    scheduler.report(report(past), 1)
    clock.advance(0)
    expect(wakes).toEqual(['retry-due'])
    // The page drained and found nothing to send, then reported the same due time again.
    scheduler.report(report(past), 1)
    clock.advance(REPEATED_DUE_DELAY_MS - 1)
    expect(wakes).toEqual(['retry-due'])
    clock.advance(1)
    expect(wakes).toEqual(['retry-due', 'retry-due'])
  })

  it('reaches a due time beyond setTimeout’s range in steps', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    const farAway = 40 * 24 * 60 * 60_000
    scheduler.report(report(clock.now() + farAway), 1)
    clock.advance(farAway - 1)
    expect(wakes).toEqual([])
    clock.advance(1)
    expect(wakes).toEqual(['retry-due'])
  })

  it('wakes the page when the clock went back under a running timer, not a day later', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    const DAY = 24 * 60 * 60_000
    // The page's due time was set while the clock read a day ahead.
    const dueAt = clock.now() + 10 * 60_000
    scheduler.report(report(dueAt), 1)
    clock.setBack(DAY)
    clock.advance(10 * 60_000 - 1)
    expect(wakes).toEqual([])
    clock.advance(1)
    // The page reads its due times against the clock as it is now, and says again.
    expect(wakes).toEqual(['retry-due'])
    scheduler.report(report(clock.now()), 1)
    clock.advance(0)
    expect(wakes).toEqual(['retry-due', 'retry-due'])
  })

  it('a small step back of the clock still wakes at the due time on the clock, as before', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    scheduler.report(report(clock.now() + 60_000), 1)
    clock.setBack(5_000)
    clock.advance(60_000)
    expect(wakes).toEqual([])
    clock.advance(5_000)
    expect(wakes).toEqual(['retry-due'])
  })

  it('treats the online flag as a hint: going offline never stops a due wake', () => {
    const { scheduler, clock, wakes, states } = schedulerHarness()
    scheduler.setOnline(false)
    scheduler.report(report(clock.now() + 1_000), 1)
    clock.advance(1_000)
    expect(wakes).toEqual(['retry-due'])
    scheduler.setOnline(false)
    scheduler.setOnline(true)
    scheduler.setOnline(true)
    expect(wakes).toEqual(['retry-due', 'online'])
    expect(states.map((state) => state.online)).toEqual([false, true])
    expect(scheduler.state().online).toBe(true)
  })

  it('wakes on power resume and re-arms a timer that slept through its time', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    scheduler.report(report(clock.now() + 10_000), 1)
    scheduler.onResume()
    expect(wakes).toEqual(['resume'])
    clock.advance(10_000)
    expect(wakes).toEqual(['resume', 'retry-due'])
  })

  it('keeps the page’s unsent count for the quit confirmation', () => {
    const { scheduler } = schedulerHarness()
    scheduler.report(report(null, false, 7), 1)
    expect(scheduler.unsentCount()).toBe(7)
  })

  it('stops waking once disposed', () => {
    const { scheduler, clock, wakes } = schedulerHarness()
    scheduler.report(report(clock.now() + 1_000), 1)
    scheduler.dispose()
    clock.advance(5_000)
    scheduler.start()
    scheduler.setOnline(false)
    scheduler.setOnline(true)
    scheduler.onResume()
    expect(wakes).toEqual([])
    expect(clock.pendingTimers()).toBe(0)
  })
})
