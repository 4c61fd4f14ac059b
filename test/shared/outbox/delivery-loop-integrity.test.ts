import { describe, expect, it } from 'vitest'
import { StorageWriteError } from '$shared/errors'
import { loopWorld, newItem, quotaExceeded, settle } from '../support/loop-world'

describe('delivery loop: a refused write is not a stuck item', () => {
  it('keeps answers a full disk refused, writes them first next time, and sends nothing twice', async () => {
    const world = loopWorld({ batchSize: 2 })
    for (let sequence = 1; sequence <= 4; sequence++) world.store.put(newItem(sequence))
    const drain = world.loop.drain()
    await settle()
    expect(world.held.map((batch) => batch.items.map((item) => item.id))).toEqual([
      ['item-1', 'item-2']
    ])
    world.held[0]?.answer()
    await settle()
    // The first answers ride with the lock of the second batch, which is out now.
    expect(world.held).toHaveLength(2)
    world.refuseWrites(quotaExceeded())
    world.held[1]?.answer()

    const error = await drain.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StorageWriteError)
    expect((error as StorageWriteError).message).toMatch(/disk is full/)
    expect((error as StorageWriteError).message).toMatch(/2 results/)
    expect(world.loop.unsavedCount).toBe(2)
    expect(world.states()).toEqual(['sent', 'sent', 'sending', 'sending'])
    // The main process hears that answers wait to be written (a quit waits for them).
    expect(world.reports.at(-1)).toMatchObject({ unsavedAnswers: 2 })

    // Still full: nothing is sent, the answers stay kept.
    await expect(world.loop.drain()).rejects.toBeInstanceOf(StorageWriteError)
    expect(world.sent).toHaveLength(2)

    world.refuseWrites(null)
    await world.loop.drain()
    expect(world.loop.unsavedCount).toBe(0)
    expect(world.states()).toEqual(['sent', 'sent', 'sent', 'sent'])
    expect(world.sent.flat().map((item) => item.id)).toEqual([
      'item-1',
      'item-2',
      'item-3',
      'item-4'
    ])
    expect(world.reports.at(-1)).toEqual({ unsentCount: 0, nextDueAt: null, captured: false })
  })

  it('names a storage failure that is not a full disk in its own words', async () => {
    const world = loopWorld()
    world.store.put(newItem(1))
    const drain = world.loop.drain()
    await settle()
    const closed = new Error('Database has been closed')
    closed.name = 'DatabaseClosedError'
    world.refuseWrites(closed)
    world.held[0]?.answer()
    const error = await drain.catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(StorageWriteError)
    expect((error as StorageWriteError).message).toContain('Database has been closed')
    expect((error as StorageWriteError).message).toMatch(/answers for 1 result are kept/)
    expect(world.loop.unsavedCount).toBe(1)
  })
})

describe('delivery loop: halting for a sign-out or a change of site', () => {
  it('sends no more batches, writes the answers of the one out, and puts the next one back', async () => {
    const world = loopWorld({ batchSize: 2 })
    for (let sequence = 1; sequence <= 5; sequence++) world.store.put(newItem(sequence))
    const drain = world.loop.drain()
    await settle()
    world.held[0]?.answer()
    await settle()
    expect(world.held).toHaveLength(2)

    const halted = world.loop.halt()
    let haltDone = false
    void halted.then(() => (haltDone = true))
    await settle()
    expect(haltDone).toBe(false)
    world.held[1]?.answer()
    await halted
    await drain

    expect(world.sent).toHaveLength(2)
    expect(world.states()).toEqual(['sent', 'sent', 'sent', 'sent', 'queued'])
    expect(world.store.get('item-5')?.attempts).toEqual([])

    // Wakes while halted send nothing.
    await world.loop.drain()
    expect(world.sent).toHaveLength(2)

    world.loop.resume()
    const rest = world.loop.drain()
    await settle()
    world.held[2]?.answer()
    await rest
    expect(world.states()).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
  })

  it('puts back a batch it locked ahead when halted before sending it', async () => {
    const world = loopWorld({ batchSize: 2 })
    for (let sequence = 1; sequence <= 4; sequence++) world.store.put(newItem(sequence))
    const drain = world.loop.drain()
    await settle()
    // Halted while the first batch is out: the second is locked alongside, never sent.
    const halted = world.loop.halt()
    world.held[0]?.answer()
    await halted
    await drain
    expect(world.sent).toHaveLength(1)
    expect(world.states()).toEqual(['sent', 'sent', 'queued', 'queued'])
  })

  it('resolves at once when nothing is running', async () => {
    const world = loopWorld()
    await world.loop.halt()
    expect(world.sent).toEqual([])
  })
})
