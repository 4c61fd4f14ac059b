import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskDatabase } from '$renderer/db/desk-database'
import { numberSheets, resolveSheetNumber, sheetNumberAfter } from '$renderer/db/sheet-numbers'
import { databaseNameOf } from '$renderer/db/site-key'
import {
  VERSION_3_STORES,
  deleteDatabase,
  freshDatabase,
  uniqueSiteKey
} from '../support/test-databases'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp(): Promise<DeskDatabase> {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  return db
}

const entries = (numbers: Map<number, number>) => [...numbers.entries()]

describe('the numbers of printed call sheets', () => {
  it('numbers a sheet in print order, and gives the same numbers again until the next refresh', async () => {
    const db = await setUp()
    const first = await numberSheets(db, {
      connectionIds: [30, 10, 20],
      generation: 1,
      open: new Set([10, 20, 30]),
      now: 5
    })
    expect(entries(first)).toEqual([
      [30, 1],
      [10, 2],
      [20, 3]
    ])
    const again = await numberSheets(db, {
      connectionIds: [10, 20, 30],
      generation: 1,
      open: new Set([10, 20, 30]),
      now: 6
    })
    expect(again.get(30)).toBe(1)
    expect(again.get(10)).toBe(2)
    expect(again.get(20)).toBe(3)
  })

  it('still resolves a sheet printed before a refresh, until its connection is closed', async () => {
    const db = await setUp()
    await numberSheets(db, { connectionIds: [10, 20], generation: 1, open: null, now: 5 })
    // After a refresh (generation 2) connection 10 is closed, 20 still open.
    const after = await numberSheets(db, {
      connectionIds: [20, 40],
      generation: 2,
      open: new Set([20, 40]),
      now: 7
    })
    expect(entries(after)).toEqual([
      [20, 3],
      [40, 4]
    ])
    expect(await resolveSheetNumber(db, 1)).toBeUndefined()
    expect((await resolveSheetNumber(db, 2))?.connectionId).toBe(20)
    expect((await resolveSheetNumber(db, 3))?.connectionId).toBe(20)
    expect((await sheetNumberAfter(db, 3))?.connectionId).toBe(40)
    expect(await sheetNumberAfter(db, 4)).toBeUndefined()
  })

  it('starts again at 1 once every numbered connection is closed', async () => {
    const db = await setUp()
    await numberSheets(db, { connectionIds: [10, 20], generation: 1, open: null, now: 5 })
    const fresh = await numberSheets(db, {
      connectionIds: [50],
      generation: 2,
      open: new Set([50]),
      now: 9
    })
    expect(entries(fresh)).toEqual([[50, 1]])
  })
})

describe('upgrading a database of version 3 (the real API) to 4', () => {
  it('keeps the outbox and the reference data and adds the sheet numbers', async () => {
    const siteKey = uniqueSiteKey()
    const old = new Dexie(databaseNameOf(siteKey))
    cleanups.push(() => deleteDatabase(old))
    // The app of version 3: its schema as it was before version 4 existed.
    old.version(3).stores(VERSION_3_STORES)
    await old.open()
    const item = { id: 'kept', sequence: 7, state: 'queued', connectionId: 4, updatedAt: 1 }
    await old.table('outbox').put(item)
    await old.table('meta').put({ key: 'asOf:assignments', value: 2_222 })
    old.close()

    const db = new DeskDatabase(siteKey)
    cleanups.push(async () => db.close())
    await db.open()

    expect(db.verno).toBe(4)
    expect(await db.outbox.get('kept')).toEqual(item)
    expect(await db.meta.get('asOf:assignments')).toEqual({ key: 'asOf:assignments', value: 2_222 })
    await numberSheets(db, { connectionIds: [4], generation: 2_222, open: null, now: 1 })
    expect((await resolveSheetNumber(db, 1))?.connectionId).toBe(4)
  })
})
