import { afterEach, describe, expect, it, vi } from 'vitest'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { OUTBOX_EXPORT_FORMAT } from '$renderer/export/outbox-json-export'
import { OutboxState } from '$renderer/state/outbox-state.svelte'
import { DeskError, InvalidPayloadError } from '$shared/errors'
import type { WakeReason } from '$shared/bridge/channels'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { FakeDesk } from '../support/fake-desk'
import { until } from '../support/until'
import { freshDatabase } from '../support/test-databases'
import { keepOpenBody, newConnectionBody, summaryOf } from '../../shared/support/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp(options: { now?: () => number; desk?: FakeDesk; batchSize?: number } = {}) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  const desk = options.desk ?? new FakeDesk()
  const now = options.now ?? (() => 1_700_000_000_000)
  const repository = new OutboxRepository(db, { now })
  const outbox = new OutboxState({
    repository,
    desk,
    now,
    formatTime: (at) => `t${at}`,
    ...(options.batchSize ? { batchSize: options.batchSize } : {})
  })
  cleanups.push(async () => outbox.stop())
  return { db, desk, repository, outbox }
}

/**
 * Raises a wake and waits for the run it starts to end. The run is awaited itself, not
 * guessed from `sending`: an 'online' wake first writes the line back to the disk, and a
 * slow write once left `sending` still false when a 10 ms poll looked (CI under load).
 */
async function wakeAndWaitForRun(
  desk: FakeDesk,
  outbox: OutboxState,
  reason: WakeReason
): Promise<void> {
  const drain = vi.spyOn(outbox, 'drain')
  try {
    desk.wake(reason)
    await until(() => drain.mock.results.length > 0, `the run the '${reason}' wake starts`)
    await drain.mock.results[0]?.value
    // The wake handler's own step after its run (keeping a failure of the line back).
    await new Promise((resolve) => setTimeout(resolve, 0))
  } finally {
    drain.mockRestore()
  }
}

describe('OutboxState', () => {
  it('captures durably, lists the result as queued and asks the main process to send', async () => {
    const { desk, repository, outbox } = await setUp()
    await outbox.start()
    const item = await outbox.capture(keepOpenBody(41), summaryOf('Ann Lee'), 'clerk')

    expect(await repository.get(item.id)).toEqual(item)
    expect(outbox.rows).toEqual([{ item, description: 'Queued' }])
    expect(outbox.count).toBe(1)
    expect(outbox.oldestCapturedAt).toBe(item.capturedAt)
    expect(desk.reports.at(-1)).toEqual({
      unsentCount: 1,
      nextDueAt: item.updatedAt,
      captured: true
    })
  })

  it('sends on wake, follows the run and ends with an empty list', async () => {
    const { desk, repository, outbox } = await setUp()
    await outbox.start()
    const first = await outbox.capture(keepOpenBody(41), summaryOf('Ann Lee'), 'clerk')
    const second = await outbox.capture(newConnectionBody(), summaryOf('Bob Stone'), 'clerk')

    await wakeAndWaitForRun(desk, outbox, 'captured')

    expect(desk.sentBatches.map((batch) => batch.map((item) => item.id))).toEqual([
      [first.id, second.id]
    ])
    expect(desk.sentBatches[0]?.[0]?.idempotencyKey).toBe(first.idempotencyKey)
    expect(outbox.rows).toEqual([])
    expect(outbox.sending).toBe(false)
    expect(outbox.progress).toBeNull()
    const sent = await repository.listSent()
    expect(sent.map((item) => item.receipt?.connectionCRId).sort()).toEqual([9001, 9002])
    expect(desk.reports.at(-1)).toEqual({ unsentCount: 0, nextDueAt: null, captured: false })
  })

  it('shows progress and the results being sent while a run goes on', async () => {
    const desk = new FakeDesk()
    const { outbox } = await setUp({ desk, batchSize: 2 })
    const seen: unknown[] = []
    const answer = desk.delivery.send
    desk.delivery.send = async (batch) => {
      seen.push({
        sending: outbox.sending,
        progress: outbox.progress,
        states: outbox.rows.map((row) => row.description)
      })
      return answer(batch)
    }
    const progressAtReport: unknown[] = []
    const report = desk.delivery.report
    desk.delivery.report = async (summary) => {
      progressAtReport.push(outbox.progress)
      return report(summary)
    }
    await outbox.start()
    for (const id of [1, 2, 3]) await outbox.capture(keepOpenBody(id), summaryOf('A'), 'clerk')

    await outbox.drain()

    expect(seen).toEqual([
      {
        sending: true,
        progress: { done: 0, total: 3 },
        states: ['Sending', 'Sending', 'Queued']
      },
      // The first answers commit together with the next lock, as the second batch leaves:
      // the list shows only what is committed.
      {
        sending: true,
        progress: { done: 0, total: 3 },
        states: ['Sending', 'Sending', 'Sending']
      }
    ])
    expect(progressAtReport.at(-1)).toEqual({ done: 3, total: 3 })
    expect(outbox.progress).toBeNull()
  })

  it('describes each result in plain words: blocked, waiting, paused', async () => {
    const desk = new FakeDesk()
    desk.sendAnswer = (items) => ({
      results: items.map((item) => ({
        id: item.id,
        outcome: { kind: 'retryable', status: 503, message: 'busy', retryAfterMs: 60_000 }
      })),
      paused: false
    })
    const { outbox } = await setUp({ desk })
    await outbox.start()
    const first = await outbox.capture(keepOpenBody(7, 'first try'), summaryOf('Ann'), 'clerk')
    await outbox.capture(keepOpenBody(7, 'second try'), summaryOf('Ann'), 'clerk')

    await outbox.drain()

    const waitingUntil = 1_700_000_000_000 + 60_000
    expect(outbox.rows.map((row) => row.description)).toEqual([
      `Waiting to send — next try t${waitingUntil}`,
      'Waiting for an earlier result for this connection to be sent first'
    ])
    expect(outbox.rows[1]?.blocker?.item.id).toBe(first.id)
    expect(outbox.unsentCountFor(7)).toBe(2)
    expect(outbox.unsentCountFor(8)).toBe(0)

    desk.changeState({ online: true, paused: true, lastSuccessAt: null })
    expect(outbox.paused).toBe(true)
    expect(outbox.rows.map((row) => row.description)).toEqual([
      'Paused: sign in again',
      'Paused: sign in again'
    ])
  })

  it('when the line comes back, results that waited for it go out at once; a busy service keeps its backoff', async () => {
    let now = 1_700_000_000_000
    const desk = new FakeDesk()
    const { repository, outbox } = await setUp({ desk, now: () => now })
    const failTimes = async (
      item: OutboxItem,
      outcome: Parameters<typeof applyOutcome>[1],
      times: number
    ) => {
      let after = item
      // Tries 1 ms apart: every item's last try then falls within the shortest backoff
      // (500 ms) of the check below, whatever the jitter drew. Seconds apart, an item tried
      // early could come due by the check, and the test would fail one run in ten.
      for (let attempt = 0; attempt < times; attempt++) {
        now += 1
        after = applyOutcome(beginSending(after, now), outcome, now)
      }
      await repository.saveAll([after])
      return after
    }
    // A morning offline: eight failed tries each.
    const offline = [1, 2, 3].map((connection) =>
      repository.capture(keepOpenBody(connection), summaryOf(`Offline ${connection}`), 'clerk')
    )
    const refusedConnection = {
      kind: 'retryable',
      message: 'the site refused the connection'
    } as const
    const waitingForLine = await Promise.all(
      (await Promise.all(offline)).map((item) => failTimes(item, refusedConnection, 8))
    )
    const busyItem = await repository.capture(keepOpenBody(4), summaryOf('Busy'), 'clerk')
    const busy = await failTimes(busyItem, { kind: 'retryable', status: 503, message: 'busy' }, 8)
    // A moment after the last try: even the shortest backoff (500 ms) still runs.
    now += 1
    for (const item of [...waitingForLine, busy]) expect(item.nextAttemptAt).toBeGreaterThan(now)
    await outbox.start()
    await wakeAndWaitForRun(desk, outbox, 'retry-due')
    expect(desk.sentBatches).toEqual([])

    // A slow disk: the line back is written well after the wake (it was once, under load).
    const writeLineBack = repository.retryOnReconnect.bind(repository)
    repository.retryOnReconnect = async () => {
      await new Promise((resolve) => setTimeout(resolve, 60))
      return writeLineBack()
    }
    await wakeAndWaitForRun(desk, outbox, 'online')
    expect(
      desk.sentBatches
        .flat()
        .map((item) => item.id)
        .sort()
    ).toEqual(waitingForLine.map((item) => item.id).sort())
    expect(outbox.rows.map((row) => row.item.id)).toEqual([busy.id])
    expect(await repository.get(busy.id)).toEqual(busy)
  })

  it('when the line back cannot be written, still sends what is due and says why', async () => {
    const { desk, repository, outbox } = await setUp()
    await outbox.start()
    await outbox.capture(keepOpenBody(1), summaryOf('Ann'), 'clerk')
    const refusal = new DeskError('The outbox could not be written: the disk is full')
    repository.retryOnReconnect = () => Promise.reject(refusal)
    await wakeAndWaitForRun(desk, outbox, 'online')
    expect(desk.sentBatches).toHaveLength(1)
    expect(outbox.error).toBe(refusal)
  })

  it('recovers results a crash left sending before it listens, and reports them', async () => {
    const { desk, repository, outbox } = await setUp()
    const item = await repository.capture(keepOpenBody(3), summaryOf('Ann'), 'clerk')
    await repository.saveAll([beginSending(item, 5)])

    await outbox.start()

    expect(outbox.rows.map((row) => [row.item.state, row.description])).toEqual([
      ['unknown-outcome', 'Not sure it arrived — will resend safely']
    ])
    expect(desk.wakeListenerCount).toBe(1)
    expect(desk.reports).toEqual([
      { unsentCount: 1, nextDueAt: 1_700_000_000_000, captured: false }
    ])
    outbox.stop()
    expect(desk.wakeListenerCount).toBe(0)
  })

  it('edits, retries and discards through the repository, updating the list', async () => {
    const { outbox } = await setUp()
    await outbox.start()
    const item = await outbox.capture(keepOpenBody(3, 'before'), summaryOf('Ann'), 'clerk')
    const edited = await outbox.edit(item.id, keepOpenBody(3, 'after'), summaryOf('Ann B'))
    expect(outbox.rows[0]?.item.body.Comment).toBe('after')
    expect(edited.summary.contactName).toBe('Ann B')
    await outbox.retryNow(item.id)
    await outbox.discard(item.id)
    expect(outbox.rows).toEqual([])
    await expect(outbox.discard('gone')).rejects.toThrow(/no longer in the outbox/)
  })

  it('refuses an invalid result without reporting anything', async () => {
    const { desk, outbox } = await setUp()
    await outbox.start()
    const reports = desk.reports.length
    const broken = { ...keepOpenBody(3), ConnectionDate: '02/30/2025' }
    await expect(outbox.capture(broken, summaryOf('Ann'), 'clerk')).rejects.toBeInstanceOf(
      InvalidPayloadError
    )
    expect(desk.reports).toHaveLength(reports)
    expect(outbox.count).toBe(0)
  })

  it('says a capture and an edit are saved without waiting for the main process to hear of them', async () => {
    const desk = new FakeDesk()
    const { outbox, repository } = await setUp({ desk })
    await outbox.start()
    const heard: unknown[] = []
    let answerAll = (): void => {}
    const answered = new Promise<void>((resolve) => (answerAll = resolve))
    // The main process hears the report but takes its time to answer.
    desk.delivery.report = async (report) => {
      heard.push(report)
      await answered
    }
    const item = await outbox.capture(keepOpenBody(3), summaryOf('Ann'), 'clerk')
    expect(await repository.get(item.id)).toEqual(item)
    const edited = await outbox.edit(item.id, keepOpenBody(3, 'again'), summaryOf('Ann'))
    expect((await repository.get(item.id))?.body).toEqual(edited.body)
    expect(heard).toHaveLength(2)
    answerAll()
  })

  it('keeps a committed capture when the report to the main process fails', async () => {
    const desk = new FakeDesk()
    const { outbox, repository } = await setUp({ desk })
    await outbox.start()
    desk.delivery.report = async () => {
      throw new DeskError('The app’s main process did not answer')
    }
    const item = await outbox.capture(keepOpenBody(3), summaryOf('Ann'), 'clerk')
    expect(await repository.get(item.id)).toBeDefined()
    expect(outbox.error?.message).toBe('The app’s main process did not answer')
  })

  it('keeps a failed run’s reason and puts the results back as they were', async () => {
    const desk = new FakeDesk()
    desk.delivery.send = async () => {
      throw new DeskError('Sending is not possible right now')
    }
    const { outbox } = await setUp({ desk })
    await outbox.start()
    await outbox.capture(keepOpenBody(3), summaryOf('Ann'), 'clerk')
    expect(await outbox.drain()).toBeNull()
    expect(outbox.error?.message).toBe('Sending is not possible right now')
    expect(outbox.rows.map((row) => row.item.state)).toEqual(['queued'])
  })

  it('exports the selected results, or all of them, as JSON', async () => {
    const { outbox, repository } = await setUp()
    const first = await outbox.capture(keepOpenBody(3), summaryOf('Ann'), 'clerk')
    const second = await outbox.capture(keepOpenBody(4), summaryOf('Bob'), 'clerk')
    const selected = JSON.parse(await outbox.exportJson([second.id]))
    expect(selected).toMatchObject({
      format: OUTBOX_EXPORT_FORMAT,
      version: 1,
      siteKey: repository.siteKey,
      exportedAt: new Date(1_700_000_000_000).toISOString()
    })
    expect(selected.items).toEqual([second])
    const all = JSON.parse(await outbox.exportJson())
    expect(all.items.map((item: { id: string }) => item.id)).toEqual([first.id, second.id])
  })
})
