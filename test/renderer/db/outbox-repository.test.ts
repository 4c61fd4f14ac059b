import { afterEach, describe, expect, it } from 'vitest'
import { DeskDatabase } from '$renderer/db/desk-database'
import { OutboxItemMissingError } from '$renderer/db/outbox-item-missing-error'
import { OutboxRepository, UNSENT_READ_CHUNK } from '$renderer/db/outbox-repository'
import { InvalidPayloadError } from '$shared/errors'
import { OutboxTransitionError } from '$shared/outbox/outbox-transition-error'
import { applyOutcome, beginSending, createOutboxItem } from '$shared/outbox/outbox-transitions'
import { freshDatabase, uniqueSiteKey } from '../support/test-databases'
import { keepOpenBody, newConnectionBody, summaryOf } from '../../shared/support/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  // Last opened, first closed: a second connection must close before its database is deleted.
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function repositoryAt(now: () => number = () => 1_700_000_000_000) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  return { db, repository: new OutboxRepository(db, { now }) }
}

describe('OutboxRepository.capture', () => {
  it('is readable from a new connection as soon as capture resolves', async () => {
    const { db, repository } = await repositoryAt()
    const item = await repository.capture(keepOpenBody(41), summaryOf('Ann Lee'), 'clerk')

    const other = new DeskDatabase(db.siteKey, db.name)
    try {
      const stored = await other.outbox.get(item.id)
      expect(stored).toEqual(item)
      expect(stored?.state).toBe('queued')
    } finally {
      other.close()
    }
  })

  it('opens the database with strict transaction durability', async () => {
    const { db } = await repositoryAt()
    const durability = await db.transaction('rw', db.meta, (transaction) => {
      return (transaction.idbtrans as IDBTransaction & { durability?: string }).durability
    })
    expect(durability).toBe('strict')
  })

  it('assigns strictly increasing sequences, also to captures made at once', async () => {
    const { repository } = await repositoryAt()
    const items = await Promise.all(
      Array.from({ length: 12 }, (_, index) =>
        repository.capture(keepOpenBody(100 + index), summaryOf(`Person ${index}`), 'clerk')
      )
    )
    const sequences = items.map((item) => item.sequence).sort((a, b) => a - b)
    expect(sequences).toEqual(Array.from({ length: 12 }, (_, index) => index + 1))
    const later = await repository.capture(newConnectionBody(), summaryOf('Later'), 'clerk')
    expect(later.sequence).toBe(13)
  })

  it('gives each item its own uuid id and Idempotency-Key and the site it belongs to', async () => {
    const { db, repository } = await repositoryAt()
    const first = await repository.capture(keepOpenBody(7), summaryOf('Ann'), 'clerk')
    const second = await repository.capture(keepOpenBody(7), summaryOf('Ann'), 'clerk')
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/
    for (const item of [first, second]) {
      expect(item.id).toMatch(uuid)
      expect(item.idempotencyKey).toMatch(uuid)
      expect(item.idempotencyKey).not.toBe(item.id)
      expect(item.siteKey).toBe(db.siteKey)
      expect(item.capturedBy).toBe('clerk')
      expect(item.connectionId).toBe(7)
    }
    expect(second.id).not.toBe(first.id)
    expect(second.idempotencyKey).not.toBe(first.idempotencyKey)
  })

  it('refuses a body that breaks the contract and saves nothing', async () => {
    const { repository } = await repositoryAt()
    const broken = { ...keepOpenBody(7), Complete: true, Reassign: true }
    const failure = repository.capture(broken, summaryOf('Ann'), 'clerk')
    await expect(failure).rejects.toBeInstanceOf(InvalidPayloadError)
    await expect(failure).rejects.toMatchObject({
      fieldErrors: { Reassign: ['A connection cannot be completed and reassigned at once'] }
    })
    expect(await repository.listUnsent()).toEqual([])
  })
})

describe('OutboxRepository lists and saves', () => {
  it('lists unsent items in capture order and leaves out sent and discarded ones', async () => {
    let now = 1_000
    const { repository } = await repositoryAt(() => now)
    const first = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    const second = await repository.capture(keepOpenBody(2), summaryOf('B'), 'clerk')
    const third = await repository.capture(keepOpenBody(3), summaryOf('C'), 'clerk')
    now = 2_000
    const sent = applyOutcome(
      beginSending(second, now),
      { kind: 'accepted', connectionCRId: 4711, status: 200, idempotencyHonoured: true },
      now
    )
    await repository.saveAll([sent])
    await repository.discard(third.id)

    expect((await repository.listUnsent()).map((item) => item.id)).toEqual([first.id])
    const history = await repository.listSent()
    expect(history.map((item) => item.receipt?.connectionCRId)).toEqual([4711])
  })

  it('lists every unsent item of a list longer than its read chunks, in capture order', async () => {
    const { db, repository } = await repositoryAt()
    const count = UNSENT_READ_CHUNK * 2 + 7
    // Sequence runs against the ids' order, so the list's order cannot come from the keys.
    const items = Array.from({ length: count }, (_, index) => {
      const item = createOutboxItem({
        id: `item-${String(index).padStart(5, '0')}`,
        idempotencyKey: `key-${index}`,
        siteKey: db.siteKey,
        capturedBy: 'clerk',
        sequence: count - index,
        capturedAt: 1_000 + index,
        body: keepOpenBody(index + 1),
        summary: summaryOf(`Person ${index}`)
      })
      if (index % 3 === 0) {
        return applyOutcome(
          beginSending(item, 2_000),
          { kind: 'accepted', connectionCRId: index, status: 200, idempotencyHonoured: true },
          2_000
        )
      }
      return index % 5 === 0 ? beginSending(item, 2_000) : item
    })
    await repository.saveAll(items)

    const unsent = await repository.listUnsent()
    const expected = items
      .filter((item) => item.state !== 'sent')
      .sort((left, right) => left.sequence - right.sequence)
    expect(unsent.length).toBeGreaterThan(UNSENT_READ_CHUNK)
    expect(unsent).toEqual(expected)
  })

  it('searches sent items by contact, user and change-request number, newest first', async () => {
    let now = 10_000
    const { repository } = await repositoryAt(() => now)
    const names = ['Ann Lee', 'Bob Stone', 'Ann Marsh']
    for (const [index, name] of names.entries()) {
      const item = await repository.capture(keepOpenBody(10 + index), summaryOf(name), 'clerk')
      now += 1_000
      const outcome = {
        kind: 'accepted' as const,
        connectionCRId: 500 + index,
        status: 200,
        idempotencyHonoured: true
      }
      await repository.saveAll([applyOutcome(beginSending(item, now), outcome, now)])
    }
    const contacts = async (search: string, limit?: number) =>
      (await repository.listSent({ search, ...(limit ? { limit } : {}) })).map(
        (item) => item.summary.contactName
      )
    expect(await contacts('ann')).toEqual(['Ann Marsh', 'Ann Lee'])
    expect(await contacts('ANN lee')).toEqual(['Ann Lee'])
    expect(await contacts('501')).toEqual(['Bob Stone'])
    expect(await contacts('clerk', 2)).toEqual(['Ann Marsh', 'Bob Stone'])
    expect(await contacts('nobody')).toEqual([])
  })

  it('saves a batch in one transaction: a bad item leaves all of them unsaved', async () => {
    const { repository } = await repositoryAt()
    const first = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    const locked = beginSending(first, 5)
    const foreign = { ...locked, id: 'other', siteKey: uniqueSiteKey() }
    await expect(repository.saveAll([locked, foreign])).rejects.toThrow(/another site/)
    expect((await repository.get(first.id))?.state).toBe('queued')
  })
})

describe('OutboxRepository clerk actions', () => {
  it('edits through the state machine, renewing the key only when the body changed', async () => {
    let now = 1_000
    const { repository } = await repositoryAt(() => now)
    const item = await repository.capture(keepOpenBody(9, 'first'), summaryOf('Ann'), 'clerk')
    now = 2_000
    const same = await repository.edit(item.id, keepOpenBody(9, 'first'), summaryOf('Ann'))
    expect(same.idempotencyKey).toBe(item.idempotencyKey)
    const changed = await repository.edit(item.id, keepOpenBody(9, 'second'), summaryOf('Ann'))
    expect(changed.idempotencyKey).not.toBe(item.idempotencyKey)
    expect(changed.body.Comment).toBe('second')
    expect((await repository.get(item.id))?.updatedAt).toBe(2_000)
  })

  it('refuses actions the state forbids and leaves the item as it was', async () => {
    const { repository } = await repositoryAt()
    const item = await repository.capture(keepOpenBody(9), summaryOf('Ann'), 'clerk')
    const locked = beginSending(item, 5)
    await repository.saveAll([locked])
    await expect(repository.discard(item.id)).rejects.toBeInstanceOf(OutboxTransitionError)
    await expect(
      repository.edit(item.id, keepOpenBody(9, 'changed'), summaryOf('Ann'))
    ).rejects.toThrow(/being sent right now/)
    expect(await repository.get(item.id)).toEqual(locked)
  })

  it('retries a waiting item now and reports a missing one with a typed error', async () => {
    let now = 1_000
    const { repository } = await repositoryAt(() => now)
    const item = await repository.capture(keepOpenBody(9), summaryOf('Ann'), 'clerk')
    const waiting = applyOutcome(
      beginSending(item, now),
      { kind: 'retryable', status: 503, message: 'busy', retryAfterMs: 60_000 },
      now
    )
    await repository.saveAll([waiting])
    expect(waiting.nextAttemptAt).toBeGreaterThan(now)
    now = 5_000
    const retried = await repository.retryNow(item.id)
    expect(retried.state).toBe('waiting')
    expect(retried.nextAttemptAt).toBe(5_000)
    await expect(repository.retryNow('no-such-id')).rejects.toBeInstanceOf(OutboxItemMissingError)
  })

  it('turns items left sending by a crash into unknown-outcome at start-up', async () => {
    let now = 1_000
    const { db, repository } = await repositoryAt(() => now)
    const stuck = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    const queued = await repository.capture(keepOpenBody(2), summaryOf('B'), 'clerk')
    await repository.saveAll([beginSending(stuck, now)])

    // A new repository on a new connection: what the app sees after a restart.
    now = 9_000
    const reopened = new DeskDatabase(db.siteKey, db.name)
    cleanups.push(async () => reopened.close())
    const restarted = new OutboxRepository(reopened, { now: () => now })
    const recovered = await restarted.recoverAfterRestart()

    expect(recovered.map((item) => item.id)).toEqual([stuck.id])
    const after = await restarted.get(stuck.id)
    expect(after).toMatchObject({ state: 'unknown-outcome', uncertain: true, nextAttemptAt: 9_000 })
    expect(after?.idempotencyKey).toBe(stuck.idempotencyKey)
    expect((await restarted.get(queued.id))?.state).toBe('queued')
    expect(await restarted.recoverAfterRestart()).toEqual([])
  })

  it('never hands one sequence to two windows capturing on the same site', async () => {
    const { db, repository: windowA } = await repositoryAt()
    const otherConnection = new DeskDatabase(db.siteKey, db.name)
    cleanups.push(async () => otherConnection.close())
    const windowB = new OutboxRepository(otherConnection)
    const saved = []
    for (let round = 0; round < 3; round++) {
      saved.push(await windowA.capture(keepOpenBody(1), summaryOf('A'), 'clerk'))
      saved.push(await windowB.capture(keepOpenBody(2), summaryOf('B'), 'clerk'))
    }
    expect(saved.map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5, 6])
    expect((await windowA.listAll()).map((item) => item.sequence)).toEqual([1, 2, 3, 4, 5, 6])
  })

  it('continues the numbering of a database that older versions counted in meta', async () => {
    const { db, repository } = await repositoryAt()
    await db.meta.put({ key: 'sequence', value: 41 })
    const item = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    expect(item.sequence).toBe(42)
  })
})

describe('OutboxRepository.settleAndLock', () => {
  it('writes the answers and locks only what is still stored as it was listed', async () => {
    const now = 2_000
    const { repository } = await repositoryAt(() => now)
    const first = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    const edited = await repository.capture(keepOpenBody(2), summaryOf('B'), 'clerk')
    const discarded = await repository.capture(keepOpenBody(3), summaryOf('C'), 'clerk')
    const untouched = await repository.capture(keepOpenBody(4), summaryOf('D'), 'clerk')
    const [sending] = await repository.settleAndLock([], [first], now)
    if (!sending) throw new Error('the first item was not locked')
    // The list was read; then the clerk edits one result and discards another.
    await repository.edit(edited.id, keepOpenBody(2, 'changed'), summaryOf('B'))
    await repository.discard(discarded.id)

    const answered = applyOutcome(
      sending,
      { kind: 'accepted', connectionCRId: 7, status: 200, idempotencyHonoured: true },
      now
    )
    const locked = await repository.settleAndLock([answered], [edited, discarded, untouched], now)

    expect(locked.map((item) => item.id)).toEqual([untouched.id])
    expect((await repository.get(first.id))?.state).toBe('sent')
    expect((await repository.get(edited.id))?.state).toBe('queued')
    expect((await repository.get(edited.id))?.body.Comment).toBe('changed')
    expect((await repository.get(discarded.id))?.state).toBe('discarded')
    expect(await repository.get(untouched.id)).toMatchObject({
      state: 'sending',
      stateBeforeSending: 'queued'
    })
  })

  it('refuses another site’s items and writes nothing', async () => {
    const { repository } = await repositoryAt()
    const item = await repository.capture(keepOpenBody(1), summaryOf('A'), 'clerk')
    const foreign = { ...item, siteKey: 'https://other.example/v2#9' }
    await expect(repository.settleAndLock([], [item, foreign], 1)).rejects.toThrow(/another site/)
    expect((await repository.get(item.id))?.state).toBe('queued')
  })
})

describe('OutboxRepository: the line back, and Send all now', () => {
  /** One result of each kind of wait, failed at 1,000 and looked at again at 1,100. */
  async function waitingOutbox() {
    let now = 1_000
    const { repository } = await repositoryAt(() => now)
    let connection = 0
    const failed = async (outcome: Parameters<typeof applyOutcome>[1]) => {
      connection++
      const item = await repository.capture(
        keepOpenBody(connection),
        summaryOf(`Person ${connection}`),
        'clerk'
      )
      const after = applyOutcome(beginSending(item, now), outcome, now)
      await repository.saveAll([after])
      return after
    }
    const offline = await failed({ kind: 'retryable', message: 'the site refused the connection' })
    const busy = await failed({ kind: 'retryable', status: 503, message: 'busy' })
    const lost = await failed({ kind: 'no-answer', message: 'the connection was cut' })
    const refused = await failed({
      kind: 'rejected',
      status: 400,
      message: 'bad',
      fieldErrors: {}
    })
    // Saved by a version that did not yet record why an item waits.
    const { waitingFor: _cause, ...older } = await failed({ kind: 'retryable', message: 'offline' })
    await repository.saveAll([older])
    const queued = await repository.capture(keepOpenBody(99), summaryOf('Queued'), 'clerk')
    // Within the shortest backoff (500 ms): every wait above is still running.
    now = 1_100
    return { repository, offline, busy, lost, refused, older, queued }
  }

  it('the line back makes due, in one write, only the results that waited for it', async () => {
    const { repository, offline, busy, lost, refused, older, queued } = await waitingOutbox()
    const changed = await repository.retryOnReconnect()
    expect(changed.map((item) => item.id)).toEqual([offline.id])
    expect(await repository.get(offline.id)).toEqual({ ...offline, nextAttemptAt: 1_100 })
    for (const kept of [busy, lost, refused, older, queued]) {
      expect(await repository.get(kept.id)).toEqual(kept)
    }
    expect(await repository.retryOnReconnect()).toEqual([])
  })

  it('Send all now makes every waiting result due, and never one that needs attention', async () => {
    const { repository, offline, busy, lost, refused, older, queued } = await waitingOutbox()
    const changed = await repository.sendAllNow()
    expect(changed.map((item) => item.id).sort()).toEqual(
      [offline.id, busy.id, lost.id, older.id].sort()
    )
    for (const hurried of [offline, busy, lost, older]) {
      expect(await repository.get(hurried.id)).toMatchObject({
        state: hurried.state,
        nextAttemptAt: 1_100
      })
    }
    expect(await repository.get(refused.id)).toEqual(refused)
    expect(await repository.get(queued.id)).toEqual(queued)
  })
})
