import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { buildComplete, type ChangeRequest } from '$shared/change-request'
import { DeskError, SiteUnreachableError } from '$shared/errors'
import { DAY_MS } from '$shared/follow-up/follow-up-state'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { FollowUpCheck } from '$renderer/data/follow-up-check'
import { DeskDatabase } from '$renderer/db/desk-database'
import { saveNotAppliedAfterDays } from '$renderer/db/follow-up-settings'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { databaseNameOf } from '$renderer/db/site-key'
import {
  VERSION_3_STORES,
  deleteDatabase,
  freshDatabase,
  uniqueSiteKey
} from '../support/test-databases'
import { keepOpenBody, newConnectionBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { FakeDesk } from '../support/fake-desk'
import { openConnection, person } from '../../shared/support/lookup-builders'

const NOW = Date.UTC(2025, 10, 20, 15)
let cleanups: Array<() => Promise<void>> = []

afterEach(async () => {
  for (const cleanup of cleanups) await cleanup()
  cleanups = []
})

function completeBody(connectionId: number): ChangeRequest {
  const built = buildComplete({ connectionId, date: '11/01/2025', comment: '', responseIds: [] })
  if (!built.ok) throw new Error('fixture is invalid')
  return built.body
}

async function world(connections = [openConnection(40), openConnection(41)]) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  let now = NOW
  const repository = new OutboxRepository(db, { now: () => now })
  const desk = new FakeDesk({ connections })
  const check = new FollowUpCheck(db, repository, desk, () => new Map([[1, 2]]), {
    now: () => now
  })
  /** A result sent `daysAgo` days before NOW. */
  async function sent(body: ChangeRequest, daysAgo: number, crId: number): Promise<OutboxItem> {
    const captured = await repository.capture(body, summaryOf('Ann Lee'), 'clerk')
    const item: OutboxItem = {
      ...captured,
      state: 'sent',
      receipt: { connectionCRId: crId, at: NOW - daysAgo * DAY_MS, possibleDuplicate: false }
    }
    await repository.saveAll([item])
    return item
  }
  async function followUpOf(item: OutboxItem) {
    return (await repository.get(item.id))?.followUp
  }
  return {
    db,
    repository,
    desk,
    check,
    sent,
    followUpOf,
    advance: (ms: number) => {
      now += ms
    }
  }
}

describe('FollowUpCheck (real IndexedDB, the bridge faked)', () => {
  it('marks applied what Access ACS shows, waiting what it does not, and not applied yet after the days', async () => {
    const w = await world()
    const applied = await w.sent(completeBody(40), 1, 1001)
    const waiting = await w.sent(completeBody(41), 1, 1002)
    const late = await w.sent(keepOpenBody(41, 'Called twice'), 8, 1003)
    w.desk.data.connections[0] = openConnection(40, { completed: true })

    const result = await w.check.check()
    expect(result).toEqual({ looked: 3, newlyApplied: 1, offline: false, problems: 0 })
    expect(await w.followUpOf(applied)).toMatchObject({ state: 'applied', changedAt: NOW })
    expect(await w.followUpOf(waiting)).toMatchObject({ state: 'waiting', checkedAt: NOW })
    expect(await w.followUpOf(late)).toMatchObject({ state: 'not-applied-yet', changedAt: NOW })
    expect(await w.repository.countFollowUp('not-applied-yet')).toBe(1)
    expect(
      (await w.repository.listSent({ followUp: 'not-applied-yet' })).map((item) => item.id)
    ).toEqual([late.id])
    // One look per connection, not per result.
    expect(w.desk.lookupCalls.filter((call) => call.name === 'connection')).toHaveLength(2)
  })

  it('does not look again at applied results, nor at results older than 30 days', async () => {
    const w = await world()
    await w.sent(completeBody(40), 31, 1001)
    w.desk.data.connections[0] = openConnection(40, { completed: true })
    const fresh = await w.sent(completeBody(40), 0, 1002)
    await w.check.check()
    expect(await w.followUpOf(fresh)).toMatchObject({ state: 'applied' })
    w.desk.lookupCalls = []
    expect((await w.check.check()).looked).toBe(0)
    expect(w.desk.lookupCalls).toEqual([])
  })

  it('does not look again at a result nothing can show (an attempt without comment or responses)', async () => {
    const w = await world()
    const silent = await w.sent(keepOpenBody(41, ''), 1, 1001)
    await w.check.check()
    expect(await w.followUpOf(silent)).toMatchObject({ state: 'unverifiable' })
    w.desk.lookupCalls = []
    expect((await w.check.check()).looked).toBe(0)
    expect(w.desk.lookupCalls).toEqual([])
  })

  it('offline: looks no further, keeps states, and still says not applied yet on time', async () => {
    const w = await world()
    const recent = await w.sent(completeBody(40), 1, 1001)
    const old = await w.sent(completeBody(41), 7, 1002)
    w.desk.failures.set('connection', { error: new SiteUnreachableError('No network.') })
    const result = await w.check.check()
    expect(result.offline).toBe(true)
    expect(
      w.desk.lookupCalls.filter((call) => call.name === 'connection').length
    ).toBeLessThanOrEqual(3)
    expect(await w.followUpOf(recent)).toEqual({ state: 'waiting', changedAt: NOW - DAY_MS })
    expect(await w.followUpOf(old)).toMatchObject({ state: 'not-applied-yet' })
  })

  it('a refused look (rights changed) is kept as a problem, and the result keeps waiting', async () => {
    const w = await world()
    const item = await w.sent(completeBody(40), 1, 1001)
    w.desk.failures.set('connection', {
      error: new DeskError('Access ACS refused: you may no longer view this connection.')
    })
    expect((await w.check.check()).problems).toBe(1)
    expect(await w.followUpOf(item)).toMatchObject({
      state: 'waiting',
      problem: 'Access ACS refused: you may no longer view this connection.'
    })
    w.desk.failures.clear()
    await w.check.check()
    expect((await w.followUpOf(item))?.problem).toBeUndefined()
  })

  it('finds a new connection in the person’s connections, each once', async () => {
    const w = await world([])
    const first = await w.sent(newConnectionBody(undefined, { contactIndvId: 1 }), 1, 1001)
    const second = await w.sent(newConnectionBody(undefined, { contactIndvId: 1 }), 1, 1002)
    w.desk.data.connections.push(
      openConnection(500, {
        contact: person(1, 'Ann', 'Lee'),
        dateCreated: '11/19/2025',
        comment: 'First visit'
      })
    )
    await w.check.check()
    expect(await w.followUpOf(first)).toMatchObject({ state: 'applied', connectionId: 500 })
    expect(await w.followUpOf(second)).toMatchObject({ state: 'waiting' })
  })

  it('follows the office’s number of days', async () => {
    const w = await world()
    const item = await w.sent(completeBody(41), 2, 1001)
    await saveNotAppliedAfterDays(w.db, 2)
    await w.check.check()
    expect(await w.followUpOf(item)).toMatchObject({ state: 'not-applied-yet' })
    await expect(saveNotAppliedAfterDays(w.db, 0)).rejects.toThrow(/whole number from 1/)
  })
})

describe('version 4 of the database', () => {
  it('gives every sent result of a version 3 database its follow-up, waiting since its receipt', async () => {
    const siteKey = uniqueSiteKey()
    const old = new Dexie(databaseNameOf(siteKey))
    old.version(3).stores(VERSION_3_STORES)
    const base = {
      idempotencyKey: 'k',
      siteKey,
      capturedBy: 'clerk',
      capturedAt: NOW - DAY_MS,
      connectionId: 41,
      body: completeBody(41),
      summary: summaryOf('Ann Lee'),
      attempts: [],
      uncertain: false,
      updatedAt: NOW
    }
    await old.table('outbox').bulkAdd([
      {
        ...base,
        id: 'sent-1',
        sequence: 1,
        state: 'sent',
        receipt: { connectionCRId: 1001, at: NOW - DAY_MS, possibleDuplicate: false }
      },
      { ...base, id: 'queued-1', sequence: 2, state: 'queued' }
    ])
    old.close()

    const db = new DeskDatabase(siteKey)
    await db.open()
    cleanups.push(() => deleteDatabase(db))
    expect(db.verno).toBe(4)
    expect((await db.outbox.get('sent-1'))?.followUp).toEqual({
      state: 'waiting',
      changedAt: NOW - DAY_MS
    })
    expect((await db.outbox.get('queued-1'))?.followUp).toBeUndefined()
    expect(await new OutboxRepository(db).countFollowUp('waiting')).toBe(1)
  })
})
