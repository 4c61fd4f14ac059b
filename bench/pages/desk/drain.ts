import { OutboxState } from '$renderer/state/outbox-state.svelte'
import type { SendBatchResult, SendItem } from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import { BenchError } from '../../bench-error'
import { BENCH_SUMMARY, BENCH_USER, benchChangeRequest } from '../../contract/bench-items'
import type { DrainResult } from '../../contract/desk-bench-api'
import { desk, freshDatabase, signedInSite } from './page-context'
import { TimedRepository } from './timed-repository'

/**
 * A drain as the app runs one when the main process wakes it: OutboxState over the Dexie
 * outbox, the shared delivery loop, the bridge, the real scheduler and client, the
 * practice site. prepareDrain queues the items (one transaction) and loads the list; the
 * drain it returns is timed from its start until every answer is committed. Past
 * `deadlineMs` no new batch goes out and the drain ends early: its figures then cover the
 * items it sent.
 */
export async function prepareDrain(args: {
  items: number
  deadlineMs: number
}): Promise<() => Promise<DrainResult>> {
  const db = await freshDatabase('drain')
  const repository = new TimedRepository(db)
  let sendMs = 0
  let stopped = false
  let started = performance.now()
  const timedDesk: Pick<DeskApi, 'delivery'> = {
    delivery: {
      ...desk.delivery,
      send: async (batch) => {
        if (performance.now() - started > args.deadlineMs) {
          // Past the deadline the bench pauses delivery, as a 401 would: the loop stops.
          stopped = true
          return notAttempted(batch.items)
        }
        const sendStarted = performance.now()
        try {
          return await desk.delivery.send(batch)
        } finally {
          sendMs += performance.now() - sendStarted
        }
      }
    }
  }
  const outbox = new OutboxState({ repository, desk: timedDesk })
  try {
    await repository.saveAll(queuedItems(args.items))
    await outbox.reload()
  } catch (error) {
    await db.delete()
    throw error
  }

  return async () => {
    try {
      repository.resetTimes()
      started = performance.now()
      const summary = await outbox.drain()
      const ms = performance.now() - started
      if (!summary || (summary.paused && !stopped)) {
        throw new BenchError(
          `The drain failed: ${outbox.error?.message ?? 'delivery paused (was the sign-in refused?)'}`
        )
      }
      const sent = await db.outbox.where('state').equals('sent').count()
      const { listUnsentMs, listUnsentCalls, writesMs } = repository.times
      return {
        ms,
        items: args.items,
        sent,
        stoppedAtDeadline: stopped,
        batches: summary.batches,
        breakdown: {
          sendMs,
          listUnsentMs,
          listUnsentCalls,
          writesMs,
          otherMs: ms - sendMs - listUnsentMs
        }
      }
    } finally {
      await db.delete()
    }
  }
}

export async function drainOutbox(args: {
  items: number
  deadlineMs: number
}): Promise<DrainResult> {
  const drain = await prepareDrain(args)
  return drain()
}

function notAttempted(items: readonly SendItem[]): SendBatchResult {
  const outcome = {
    kind: 'not-attempted',
    message: 'Not sent: the benchmark ran out of time'
  } as const
  return { results: items.map((item) => ({ id: item.id, outcome })), paused: true }
}

/** Items as the clerk's captures leave them, a minute old, for the drain benchmarks. */
export function queuedItems(count: number): OutboxItem[] {
  const capturedAt = Date.now() - 60_000
  return Array.from({ length: count }, (_, index) =>
    createOutboxItem({
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      siteKey: signedInSite(),
      capturedBy: BENCH_USER,
      sequence: index + 1,
      capturedAt,
      body: benchChangeRequest(index),
      summary: BENCH_SUMMARY
    })
  )
}
