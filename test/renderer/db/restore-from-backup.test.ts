import { afterEach, describe, expect, it } from 'vitest'
import { DeskDatabase } from '$renderer/db/desk-database'
import { deskOutboxBackup } from '$renderer/db/outbox-backup'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import {
  applyOutcome,
  beginSending,
  RESTORED_FROM_BACKUP_MESSAGE
} from '$shared/outbox/outbox-transitions'
import { FakeDesk } from '../support/fake-desk'
import { deleteDatabase, uniqueSiteKey } from '../support/test-databases'
import { keepOpenBody, outcomes, summaryOf } from '../../shared/support/outbox-fixtures'

/**
 * Chromium deletes an origin's IndexedDB when it finds it damaged at start-up (seen after a
 * kill: "IndexedDB recovering from a corrupted (and deleted) database"). Here the database is
 * deleted between two "runs" of the app, as Chromium does; the backup copy, which the main
 * process keeps (FakeDesk keeps it in memory the same way), must bring the unsent back.
 */

const NOW = 1_700_000_000_000
const opened: DeskDatabase[] = []

afterEach(async () => {
  for (const db of opened.splice(0).reverse()) await deleteDatabase(db)
})

async function run(desk: FakeDesk, siteKey: string, now = NOW) {
  const db = new DeskDatabase(siteKey)
  await db.open()
  opened.push(db)
  const errors: unknown[] = []
  const repository = new OutboxRepository(db, {
    now: () => now,
    backup: deskOutboxBackup(desk, siteKey),
    onBackupError: (error) => errors.push(error)
  })
  return { db, repository, errors }
}

/** What Chromium does to a database it finds damaged: it is gone, and a new one opens. */
async function storageLost(db: DeskDatabase): Promise<void> {
  await deleteDatabase(db)
}

describe('the outbox and its backup copy', () => {
  it('brings back every unsent result after the outbox was lost, as possibly sent', async () => {
    const desk = new FakeDesk()
    const siteKey = uniqueSiteKey()
    const first = await run(desk, siteKey)
    const captured = []
    for (let index = 0; index < 3; index++) {
      captured.push(
        await first.repository.capture(keepOpenBody(40 + index), summaryOf(`P${index}`), 'clerk')
      )
    }
    await storageLost(first.db)

    const second = await run(desk, siteKey, NOW + 60_000)
    const restored = await second.repository.restoreFromBackup()

    expect(restored.map((item) => item.id)).toEqual(captured.map((item) => item.id))
    const stored = await second.repository.listAll()
    expect(stored).toEqual(restored)
    for (const [index, item] of stored.entries()) {
      expect(item).toMatchObject({
        idempotencyKey: captured[index]?.idempotencyKey,
        sequence: captured[index]?.sequence,
        body: captured[index]?.body,
        state: 'unknown-outcome',
        uncertain: true,
        nextAttemptAt: NOW + 60_000
      })
      expect(item.attempts.at(-1)?.message).toBe(RESTORED_FROM_BACKUP_MESSAGE)
    }
    // The next capture never takes the number of a result captured before the loss.
    const next = await second.repository.capture(keepOpenBody(50), summaryOf('Next'), 'clerk')
    expect(next.sequence).toBe(4)
    expect(first.errors).toEqual([])
  })

  it('brings back the last edit, and neither sent nor discarded results', async () => {
    const desk = new FakeDesk()
    const siteKey = uniqueSiteKey()
    const first = await run(desk, siteKey)
    const toEdit = await first.repository.capture(keepOpenBody(41), summaryOf('Ann'), 'clerk')
    const toSend = await first.repository.capture(keepOpenBody(42), summaryOf('Ben'), 'clerk')
    const toDiscard = await first.repository.capture(keepOpenBody(43), summaryOf('Cy'), 'clerk')
    const edited = await first.repository.edit(
      toEdit.id,
      keepOpenBody(41, 'Called back'),
      summaryOf('Ann')
    )
    await first.repository.discard(toDiscard.id)
    const locked = await first.repository.settleAndLock([], [toSend], NOW)
    await first.repository.settleAndLock(
      locked.map((item) => applyOutcome(item, outcomes.accepted(9001), NOW)),
      [],
      NOW
    )
    // The copy of a sent result goes without holding up the next batch: wait for it here.
    await expect.poll(async () => (await desk.backup.list({ siteKey })).results.length).toBe(1)
    await storageLost(first.db)

    const second = await run(desk, siteKey)
    const restored = await second.repository.restoreFromBackup()
    expect(restored).toHaveLength(1)
    expect(restored[0]).toMatchObject({
      id: edited.id,
      idempotencyKey: edited.idempotencyKey,
      body: edited.body
    })
    const next = await second.repository.capture(keepOpenBody(44), summaryOf('Di'), 'clerk')
    expect(next.sequence).toBe(4)
  })

  it('restores nothing the outbox still holds, and lets go of copies it no longer needs', async () => {
    const desk = new FakeDesk()
    const siteKey = uniqueSiteKey()
    const { db, repository } = await run(desk, siteKey)
    const kept = await repository.capture(keepOpenBody(41), summaryOf('Ann'), 'clerk')
    const sent = await repository.capture(keepOpenBody(42), summaryOf('Ben'), 'clerk')
    // Sent while the copy's drop was lost (a crash): the outbox knows, the copy does not.
    await db.outbox.put(applyOutcome(beginSending(sent, NOW), outcomes.accepted(9002), NOW))

    expect(await repository.restoreFromBackup()).toEqual([])
    expect(await repository.listAll()).toEqual([
      kept,
      expect.objectContaining({ id: sent.id, state: 'sent' })
    ])
    expect((await desk.backup.list({ siteKey })).results.map((result) => result.id)).toEqual([
      kept.id
    ])
  })

  it('numbers restored results after the highest when a capture took their numbers first', async () => {
    const desk = new FakeDesk()
    const siteKey = uniqueSiteKey()
    const first = await run(desk, siteKey)
    const lost = await first.repository.capture(keepOpenBody(41), summaryOf('Ann'), 'clerk')
    await storageLost(first.db)

    // A repository without the copy (another window) captured before the restore ran.
    const second = await run(desk, siteKey)
    const unrestoring = new OutboxRepository(second.db, { now: () => NOW })
    const early = await unrestoring.capture(keepOpenBody(42), summaryOf('Ben'), 'clerk')
    expect(early.sequence).toBe(lost.sequence)

    const restored = await second.repository.restoreFromBackup()
    expect(restored).toEqual([expect.objectContaining({ id: lost.id, sequence: 2 })])
  })

  it('still saves a result when its copy cannot be written, and says why', async () => {
    const desk = new FakeDesk()
    desk.backupFailure = new Error('ENOSPC: no space left on device')
    const { repository, errors } = await run(desk, uniqueSiteKey())

    const item = await repository.capture(keepOpenBody(41), summaryOf('Ann'), 'clerk')
    expect(await repository.get(item.id)).toEqual(item)
    expect(errors).toEqual([desk.backupFailure])
  })
})
