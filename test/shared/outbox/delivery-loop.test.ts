import { describe, expect, it } from 'vitest'
import type { OutboxReport, SendBatchResult, SendItem } from '$shared/bridge/channels'
import { DeskError, SenderBusyError } from '$shared/errors'
import { createDeliveryLoop } from '$shared/outbox/delivery-loop'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { createMemoryOutboxStore } from '../../main/support/memory-outbox-store'
import { capture as captureItem, SITE, T0 } from '../support/outbox-fixtures'

function capture(sequence: number, connectionId = -1, siteKey = SITE): OutboxItem {
  return captureItem(sequence, connectionId, { siteKey, comment: `result ${sequence}` })
}

const accepted = (id: number): DeliveryOutcome => ({
  kind: 'accepted',
  connectionCRId: id,
  status: 200,
  idempotencyHonoured: true
})

/** A loop over a memory store whose sender answers with `answer` and records each batch. */
function loopWith(
  answer: (items: SendItem[]) => Promise<SendBatchResult> | SendBatchResult,
  options: {
    batchSize?: number
    siteKey?: string
    /** Called before each settle-and-lock write; a throw fails the write. */
    beforeLockWrite?: (call: number) => void
  } = {}
) {
  const store = createMemoryOutboxStore()
  let lockWrites = 0
  const batches: SendItem[][] = []
  const statesAtSend: string[][] = []
  const reports: OutboxReport[] = []
  let now = T0 + 1_000
  let listings = 0
  const loop = createDeliveryLoop({
    store: {
      listUnsent: () => {
        listings++
        return store.listUnsent()
      },
      saveAll: (items) => store.saveAll(items),
      settleAndLock: async (settled, toLock, at) => {
        options.beforeLockWrite?.(++lockWrites)
        return store.settleAndLock(settled, toLock, at)
      }
    },
    send: async ({ items }) => {
      batches.push(items)
      statesAtSend.push(items.map((item) => store.get(item.id)?.state ?? 'missing'))
      return answer(items)
    },
    report: async (report) => {
      reports.push(report)
    },
    now: () => now,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
    siteKey: options.siteKey ?? SITE
  })
  return {
    store,
    loop,
    batches,
    statesAtSend,
    reports,
    listings: () => listings,
    advance: (ms: number) => {
      now += ms
    },
    now: () => now
  }
}

const acceptAll = (items: SendItem[]): SendBatchResult => ({
  results: items.map((item, index) => ({ id: item.id, outcome: accepted(1000 + index) })),
  paused: false
})

describe('delivery loop', () => {
  it('sends every due item in batches, locked and committed before each send', async () => {
    const world = loopWith(acceptAll, { batchSize: 3 })
    for (let sequence = 1; sequence <= 7; sequence++) world.store.put(capture(sequence))
    const summary = await world.loop.drain()
    expect(summary).toEqual({ batches: 3, paused: false })
    expect(world.batches.map((batch) => batch.map((item) => item.id))).toEqual([
      ['item-1', 'item-2', 'item-3'],
      ['item-4', 'item-5', 'item-6'],
      ['item-7']
    ])
    expect(world.statesAtSend.flat().every((state) => state === 'sending')).toBe(true)
    expect(world.store.all().every((item) => item.state === 'sent')).toBe(true)
    expect(world.reports).toEqual([{ unsentCount: 0, nextDueAt: null, captured: false }])
  })

  it('hands over the id, key and body of each item, nothing else', async () => {
    const world = loopWith(acceptAll)
    const item = capture(1)
    world.store.put(item)
    await world.loop.drain()
    expect(world.batches[0]).toEqual([
      { id: item.id, idempotencyKey: item.idempotencyKey, body: item.body }
    ])
  })

  it('leaves items that are not due and reports when the next one is', async () => {
    const world = loopWith((items) => ({
      results: items.map((item) => ({
        id: item.id,
        outcome: { kind: 'retryable', status: 503, message: 'busy', retryAfterMs: 60_000 }
      })),
      paused: false
    }))
    world.store.put(capture(1))
    await world.loop.drain()
    const waiting = world.store.get('item-1')
    expect(waiting?.state).toBe('waiting')
    expect(waiting?.nextAttemptAt).toBe(world.now() + 60_000)
    expect(world.batches).toHaveLength(1)
    expect(world.reports.at(-1)).toEqual({
      unsentCount: 1,
      nextDueAt: world.now() + 60_000,
      captured: false
    })
    await world.loop.drain()
    expect(world.batches).toHaveLength(1)
  })

  it('sends at once an item whose due time a clock ahead set, and reports it as due now', async () => {
    const DAY = 24 * 3_600_000
    const world = loopWith((items) => ({
      results: items.map((item) => ({
        id: item.id,
        outcome: { kind: 'not-attempted', message: 'Not sent: nobody is signed in' }
      })),
      paused: true
    }))
    // It failed while the clock read two days ahead; the clock has since been put right.
    world.store.put({
      ...capture(1),
      state: 'waiting',
      waitingFor: 'server',
      nextAttemptAt: world.now() + 2 * DAY
    })
    await world.loop.drain()
    expect(world.batches.map((batch) => batch.map((item) => item.id))).toEqual([['item-1']])
    expect(world.reports.at(-1)).toEqual({
      unsentCount: 1,
      nextDueAt: world.now(),
      captured: false
    })
  })

  it('stops at a paused batch: nothing counted, the items wait for the sign-in', async () => {
    const world = loopWith(
      (items) => ({
        results: items.map((item, index) => ({
          id: item.id,
          outcome:
            index === 0
              ? { kind: 'unauthorized', message: 'sign in again' }
              : { kind: 'not-attempted', message: 'paused' }
        })),
        paused: true
      }),
      { batchSize: 2 }
    )
    for (let sequence = 1; sequence <= 5; sequence++) world.store.put(capture(sequence))
    expect(await world.loop.drain()).toEqual({ batches: 1, paused: true })
    for (const item of world.store.all()) {
      expect(item.state).toBe('queued')
      expect(item.attempts).toEqual([])
    }
    expect(world.reports.at(-1)?.unsentCount).toBe(5)
  })

  it('does not spin when a batch comes back untried without a pause', async () => {
    const world = loopWith((items) => ({
      results: items.map((item) => ({
        id: item.id,
        outcome: { kind: 'not-attempted', message: 'not now' }
      })),
      paused: false
    }))
    world.store.put(capture(1))
    expect(await world.loop.drain()).toEqual({ batches: 1, paused: false })
  })

  it('puts an item with no answer in the batch result back as it was', async () => {
    const world = loopWith((items) => ({
      results: items
        .filter((item) => item.id === 'item-1')
        .map((item) => ({ id: item.id, outcome: accepted(9) })),
      paused: false
    }))
    world.store.put(capture(1))
    world.store.put(capture(2))
    await world.loop.drain()
    expect(world.store.get('item-1')?.state).toBe('sent')
    expect(world.store.get('item-2')).toMatchObject({ state: 'queued', attempts: [] })
    // The second pass, with only item-2, got no answer either: the loop stopped there.
    expect(world.batches).toHaveLength(2)
  })

  it('puts the batch back untouched when the sender fails, and rethrows a typed error', async () => {
    const world = loopWith(() => {
      throw new Error('bridge broke')
    })
    world.store.put(capture(1))
    const before = world.store.get('item-1')
    const error = await world.loop.drain().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DeskError)
    expect((error as DeskError).message).toContain('bridge broke')
    expect(world.store.get('item-1')).toEqual(before)
    expect(world.reports).toHaveLength(1)
  })

  it('keeps the class of a typed sender error (another window is sending)', async () => {
    const world = loopWith(() => {
      throw new SenderBusyError('Another window is sending')
    })
    world.store.put(capture(1))
    await expect(world.loop.drain()).rejects.toBeInstanceOf(SenderBusyError)
    expect(world.store.get('item-1')?.state).toBe('queued')
  })

  it('coalesces drains: calls during one share it and cause exactly one more pass', async () => {
    let release: () => void = () => {}
    const gate = new Promise<void>((resolve) => {
      release = resolve
    })
    const world = loopWith(async (items) => {
      await gate
      return acceptAll(items)
    })
    world.store.put(capture(1))
    const first = world.loop.drain()
    await new Promise((resolve) => setTimeout(resolve, 0))
    world.store.put(capture(2))
    const second = world.loop.drain()
    const third = world.loop.drain()
    expect(second).toBe(first)
    expect(third).toBe(first)
    release()
    await first
    // Each pass reads the list once and follows it in memory.
    expect(world.batches.map((batch) => batch.map((item) => item.id))).toEqual([
      ['item-1'],
      ['item-2']
    ])
    expect(world.reports).toHaveLength(2)
    expect(world.listings()).toBe(2)
    expect(world.store.all().every((item) => item.state === 'sent')).toBe(true)
    // Once settled, a new call starts a new drain.
    expect(world.loop.drain()).not.toBe(first)
  })

  it('sends one item per existing connection at a time, in capture order', async () => {
    const world = loopWith(acceptAll)
    world.store.put(capture(1, 42))
    world.store.put(capture(2, 42))
    world.store.put(capture(3, -1))
    await world.loop.drain()
    expect(world.batches.map((batch) => batch.map((item) => item.id))).toEqual([
      ['item-1', 'item-3'],
      ['item-2']
    ])
  })

  it('sends only the signed-in site’s items', async () => {
    const other = 'https://secure.accessacs.com/api_accessacs_mobile/v2#777'
    const world = loopWith(acceptAll, { siteKey: SITE })
    world.store.put(capture(1))
    world.store.put(capture(2, -1, other))
    await world.loop.drain()
    expect(world.store.get('item-1')?.state).toBe('sent')
    expect(world.store.get('item-2')?.state).toBe('queued')
    expect(world.reports.at(-1)?.unsentCount).toBe(1)
  })

  it('never sends an item the clerk changed after the list was read', async () => {
    let discarded = false
    const world = loopWith(
      (items) => {
        if (!discarded) {
          // The clerk discards item-4 while the first batch is out.
          const item = world.store.get('item-4')
          if (item) world.store.put({ ...item, state: 'discarded', updatedAt: item.updatedAt + 1 })
          discarded = true
        }
        return acceptAll(items)
      },
      { batchSize: 3 }
    )
    for (let sequence = 1; sequence <= 7; sequence++) world.store.put(capture(sequence))
    await world.loop.drain()
    const sentIds = world.batches.flat().map((item) => item.id)
    expect(sentIds).not.toContain('item-4')
    expect(sentIds.sort()).toEqual(['item-1', 'item-2', 'item-3', 'item-5', 'item-6', 'item-7'])
    expect(world.store.get('item-4')?.state).toBe('discarded')
    expect(world.listings()).toBe(2)
  })

  it('puts back the batch locked ahead when the sender fails, keeping earlier answers', async () => {
    let calls = 0
    const world = loopWith(
      (items) => {
        calls++
        if (calls === 2) throw new Error('bridge broke')
        return acceptAll(items)
      },
      { batchSize: 2 }
    )
    for (let sequence = 1; sequence <= 6; sequence++) world.store.put(capture(sequence))
    await expect(world.loop.drain()).rejects.toBeInstanceOf(DeskError)
    const states = world.store.all().map((item) => [item.id, item.state, item.attempts.length])
    expect(states).toEqual([
      ['item-1', 'sent', 1],
      ['item-2', 'sent', 1],
      ['item-3', 'queued', 0],
      ['item-4', 'queued', 0],
      ['item-5', 'queued', 0],
      ['item-6', 'queued', 0]
    ])
    expect(world.reports.at(-1)?.unsentCount).toBe(4)
  })

  it('saves the answers of a batch even when locking the next one fails', async () => {
    const world = loopWith(acceptAll, {
      batchSize: 2,
      beforeLockWrite: (call) => {
        if (call === 2) throw new Error('disk full')
      }
    })
    for (let sequence = 1; sequence <= 4; sequence++) world.store.put(capture(sequence))
    const error = await world.loop.drain().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DeskError)
    expect((error as DeskError).message).toContain('disk full')
    expect(world.store.get('item-1')?.state).toBe('sent')
    expect(world.store.get('item-2')?.state).toBe('sent')
    expect(world.store.get('item-3')?.state).toBe('queued')
  })

  it('locks each batch while the one before it is out, and commits every answer', async () => {
    const lockedWhileOut: string[][] = []
    const world = loopWith(
      (items) => {
        lockedWhileOut.push(items.map((item) => item.id))
        return acceptAll(items)
      },
      { batchSize: 2 }
    )
    for (let sequence = 1; sequence <= 5; sequence++) world.store.put(capture(sequence))
    const summary = await world.loop.drain()
    expect(summary).toEqual({ batches: 3, paused: false })
    expect(world.statesAtSend.flat().every((state) => state === 'sending')).toBe(true)
    expect(
      world.store.all().every((item) => item.state === 'sent' && item.attempts.length === 1)
    ).toBe(true)
    expect(world.batches.flat().map((item) => item.id)).toEqual([
      'item-1',
      'item-2',
      'item-3',
      'item-4',
      'item-5'
    ])
  })
})
