import { afterEach, describe, expect, it } from 'vitest'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { OutboxState } from '$renderer/state/outbox-state.svelte'
import { StorageWriteError } from '$shared/errors'
import { until } from '../support/until'
import { FakeDesk } from '../support/fake-desk'
import { freshDatabase } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { holdSends } from '../support/held-sends'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('a write the storage refuses is not a stuck item', () => {
  it('keeps the answers when the database closes mid-drain, writes them again, and sends nothing twice', async () => {
    const { db, cleanup } = await freshDatabase()
    cleanups.push(cleanup)
    const desk = new FakeDesk()
    const repository = new OutboxRepository(db)
    const outbox = new OutboxState({ repository, desk })
    cleanups.push(async () => outbox.dispose())
    await outbox.start()
    for (const id of [41, 42]) {
      await outbox.capture(keepOpenBody(id), summaryOf('Ann Lee'), 'clerk')
    }
    const held = holdSends(desk)
    desk.wake('captured')
    await until(() => held.length === 1, 'the batch to leave')

    // A real closed database: IndexedDB refuses every write until it is opened again.
    db.close()
    held[0]?.release()
    await until(() => outbox.error !== null, 'the refused write to be reported')
    expect(outbox.error).toBeInstanceOf(StorageWriteError)
    expect(outbox.error?.message).toMatch(/could not save what it sent/)
    expect(outbox.error?.message).toMatch(/answers for 2 results are kept in memory/)
    expect(desk.reports.at(-1)).toMatchObject({ unsavedAnswers: 2 })

    // The rewrite opens the database again and records what the site answered.
    await until(() => outbox.error === null && outbox.count === 0, 'the answers to be written')
    const stored = await repository.listAll()
    expect(stored.map((item) => item.state)).toEqual(['sent', 'sent'])
    expect(stored.map((item) => item.receipt?.connectionCRId)).toEqual([9001, 9002])
    expect(desk.sentBatches).toHaveLength(1)
    expect(desk.reports.at(-1)).toEqual({ unsentCount: 0, nextDueAt: null, captured: false })
  })
})
