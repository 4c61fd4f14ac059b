import { describe, expect, it } from 'vitest'
import type { DeliveryService } from '$main/service-contracts'
import { watchOutboxActivity } from '$main/updates/outbox-activity'
import type { SendBatchResult } from '$shared/bridge/channels'

function deferred<T>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((done) => (resolve = done))
  return { promise, resolve }
}

function delivery(answer: Promise<SendBatchResult>): DeliveryService {
  return {
    sendBatch: () => answer,
    stop: () => {},
    report: () => {},
    state: () => ({ online: true, paused: false, lastSuccessAt: null }),
    resume: () => {}
  }
}

const EMPTY_BATCH = { siteKey: 'practice#12345', items: [] }

const report = (captured: boolean) => ({ unsentCount: 1, nextDueAt: null, captured })

describe('watchOutboxActivity', () => {
  it('is busy from a batch going out until the page reports its answers written', async () => {
    const answer = deferred<SendBatchResult>()
    const activity = watchOutboxActivity(delivery(answer.promise))
    expect(activity.busy()).toBe(false)
    const sending = activity.service.sendBatch(EMPTY_BATCH, 1)
    expect(activity.busy()).toBe(true)
    let idle = false
    const waiting = activity.whenIdle(5_000).then((value) => (idle = value))
    answer.resolve({ results: [], paused: false })
    await sending
    // The answers are back but not yet written by the page.
    expect(activity.busy()).toBe(true)
    // A capture's report says nothing of the batch's answers.
    activity.service.report(report(true), 1)
    expect(activity.busy()).toBe(true)
    activity.service.report(report(false), 1)
    await waiting
    expect(idle).toBe(true)
    expect(activity.busy()).toBe(false)
  })

  it('gives up waiting after the timeout, saying so', async () => {
    const activity = watchOutboxActivity(delivery(new Promise(() => {})))
    void activity.service.sendBatch(EMPTY_BATCH, 1)
    expect(await activity.whenIdle(20)).toBe(false)
  })

  it('hands every call on to the real service', async () => {
    const calls: string[] = []
    const real: DeliveryService = {
      sendBatch: async () => {
        calls.push('send')
        return { results: [], paused: false }
      },
      stop: () => void calls.push('stop'),
      report: () => void calls.push('report'),
      state: () => {
        calls.push('state')
        return { online: true, paused: false, lastSuccessAt: null }
      },
      resume: () => void calls.push('resume')
    }
    const { service } = watchOutboxActivity(real)
    await service.sendBatch(EMPTY_BATCH, 1)
    service.report(report(false), 1)
    service.state()
    service.resume()
    expect(calls).toEqual(['send', 'report', 'state', 'resume'])
  })
})
