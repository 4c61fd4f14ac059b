import { describe, expect, it } from 'vitest'
import { describeAge } from '$renderer/state/describe-age'
import {
  StatusState,
  type OutboxStatusSource,
  type ReferenceStatusSource
} from '$renderer/state/status-state.svelte'
import { FakeDesk } from '../support/fake-desk'

const HOUR = 60 * 60 * 1000

function sources(outbox: Partial<OutboxStatusSource>, reference: Partial<ReferenceStatusSource>) {
  return {
    outbox: {
      count: 0,
      oldestCapturedAt: null,
      sending: false,
      progress: null,
      error: null,
      restoredCount: 0,
      ...outbox
    },
    reference: { dataAsOf: null, refreshing: false, isStale: () => false, ...reference }
  }
}

describe('describeAge', () => {
  it.each([
    [30_000, 'just now'],
    [60_000, '1 minute'],
    [5 * 60_000, '5 minutes'],
    [2 * HOUR + 1, '2 hours'],
    [49 * HOUR, '2 days']
  ])('%i ms is "%s"', (ms, words) => {
    expect(describeAge(ms)).toBe(words)
  })
})

describe('StatusState', () => {
  it('follows the main process’s delivery state', async () => {
    const desk = new FakeDesk()
    desk.deliveryState = { online: false, paused: false, lastSuccessAt: 5 }
    const status = new StatusState({ desk, ...sources({}, {}) })
    await status.start()
    expect([status.online, status.paused, status.lastSuccessAt]).toEqual([false, false, 5])

    desk.changeState({
      online: true,
      paused: true,
      pauseReason: 'Paused: sign in again',
      lastSuccessAt: 9
    })
    expect([status.online, status.paused, status.pauseReason, status.lastSuccessAt]).toEqual([
      true,
      true,
      'Paused: sign in again',
      9
    ])
    status.stop()
    desk.changeState({ online: false, paused: false, lastSuccessAt: 10 })
    expect(status.lastSuccessAt).toBe(9)
  })

  it('says in one sentence what waits, for how long, and how fresh the data is', async () => {
    const now = 100 * HOUR
    const desk = new FakeDesk()
    desk.deliveryState = { online: false, paused: false, lastSuccessAt: 90 * HOUR }
    const status = new StatusState({
      desk,
      formatTime: (at) => `${at / HOUR}h`,
      ...sources(
        { count: 3, oldestCapturedAt: now - 2 * HOUR },
        { dataAsOf: 70 * HOUR, isStale: () => true }
      )
    })
    await status.start()
    expect(status.waitingCount).toBe(3)
    expect(status.oldestWaitingAgeMs(now)).toBe(2 * HOUR)
    expect(status.headline(now)).toBe(
      'Offline — 3 results waiting, the oldest for 2 hours — last sent 90h — data as of 70h (over a day old)'
    )
  })

  it('shows progress while sending and when nothing waits', async () => {
    const desk = new FakeDesk()
    const sending = new StatusState({
      desk,
      ...sources(
        { count: 1, oldestCapturedAt: 0, sending: true, progress: { done: 2, total: 5 } },
        {}
      )
    })
    await sending.start()
    expect(sending.headline(30_000)).toBe(
      'Sending 2 of 5 — 1 result waiting, the oldest for just now — reference data not downloaded yet'
    )
    const idle = new StatusState({ desk, ...sources({}, { dataAsOf: 0 }), formatTime: () => 'T' })
    await idle.start()
    expect(idle.headline(0)).toBe('Online — everything is sent — data as of T')
  })
})
