import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskDatabase } from '../../../src/renderer/src/db/desk-database'
import { OPEN_CONNECTIONS_PEOPLE } from '../../../src/renderer/src/db/named-people'
import {
  oldestAsOf,
  readPeople,
  readWorkingSet
} from '../../../src/renderer/src/db/reference-store'
import { replaceConnections, replacePeople } from '../../../src/renderer/src/db/reference-writes'
import { databaseNameOf } from '../../../src/renderer/src/db/site-key'
import type { ConnectionDetails, Individual } from '../../../src/shared/legacy-lookups'
import { openConnection } from '../data/reference-fixtures'
import { generateDirectory } from '../search/generate-directory'
import { deleteDatabase, freshDatabase, uniqueSiteKey } from './outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp() {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  return db
}

/** The schema the app shipped first, one row per person, opened without the app's class. */
function versionOne(name: string): Dexie {
  const db = new Dexie(name)
  db.version(1).stores({
    outbox: 'id, &sequence, state, connectionId, [state+nextAttemptAt], receipt.at',
    people: 'IndvId',
    connectionTypes: 'ConnectionTypeId',
    responses: '[ConnectionTypeId+ResponseId], ConnectionTypeId',
    teams: 'TeamId',
    connections: 'ConnectionId, ConnectionTypeId, ContactIndvId, CallerIndvId, TeamId',
    meta: 'key'
  })
  return db
}

async function savedByVersionOne(
  siteKey: string,
  people: Individual[],
  connections: ConnectionDetails[]
): Promise<void> {
  const old = versionOne(databaseNameOf(siteKey))
  cleanups.push(() => deleteDatabase(old))
  await old.open()
  await old.transaction('rw', ['people', 'connections', 'meta'], async () => {
    await old.table('people').bulkPut(people)
    await old.table('connections').bulkPut(connections)
    await old.table('meta').bulkPut([
      { key: 'asOf:people', value: 1_111 },
      { key: 'asOf:connections', value: 2_222 }
    ])
  })
  old.close()
}

async function openUpgraded(siteKey: string): Promise<DeskDatabase> {
  const db = new DeskDatabase(siteKey)
  cleanups.push(() => deleteDatabase(db))
  await db.open()
  return db
}

describe('reference store', () => {
  it('reads the working set without the directory, and the directory in the order it came', async () => {
    const db = await setUp()
    const people = generateDirectory(2_300, 11).reverse()
    await replaceConnections(
      db,
      [[openConnection(7, { ContactIndvId: 2_000, CallerIndvId: 5, TeamId: -1 })]],
      300
    )
    await replacePeople(db, [people.slice(0, 1_200), people.slice(1_200)], 400)

    const workingSet = await readWorkingSet(db)
    expect(workingSet.connections.map((connection) => connection.ConnectionId)).toEqual([7])
    expect(workingSet.namedPeople.map((entry) => entry.IndvId)).toEqual([2_000, 5])
    expect(workingSet.asOf).toMatchObject({ people: 400, connections: 300, teams: null })
    expect(workingSet).not.toHaveProperty('people')
    expect(await readPeople(db)).toEqual(people)
  })

  it('reads an empty directory before anything was downloaded', async () => {
    const db = await setUp()
    expect(await readPeople(db)).toEqual([])
    expect((await readWorkingSet(db)).namedPeople).toEqual([])
  })

  it('moves the people and connections of a version 1 database into page records, keeping their as-of times', async () => {
    const siteKey = uniqueSiteKey()
    const people = generateDirectory(2_500, 12)
    const connections = Array.from({ length: 1_500 }, (_, index) =>
      openConnection(index + 1, {
        ContactIndvId: index + 1,
        CallerIndvId: index === 0 ? 2_400 : -1
      })
    )
    await savedByVersionOne(siteKey, people, connections)

    const db = await openUpgraded(siteKey)

    expect(db.verno).toBe(2)
    const stores = [...db.backendDB().objectStoreNames]
    expect(stores).not.toContain('people')
    expect(stores).not.toContain('connections')
    expect((await db.peoplePages.toArray()).map((record) => record.items.length)).toEqual([
      1000, 1000, 500
    ])
    expect((await db.connectionPages.toArray()).map((record) => record.items.length)).toEqual([
      1000, 500
    ])
    expect(await readPeople(db)).toEqual(people)
    const workingSet = await readWorkingSet(db)
    expect(workingSet.connections).toEqual(connections)
    expect(workingSet.namedPeople.map((entry) => entry.IndvId)).toEqual([
      ...connections.map((connection) => connection.ContactIndvId),
      2_400
    ])
    expect(workingSet.asOf.people).toBe(1_111)
    expect(workingSet.asOf.connections).toBe(2_222)
  })

  it('keeps the outbox of a version 1 database, with only the indexes its queries use', async () => {
    const siteKey = uniqueSiteKey()
    const old = versionOne(databaseNameOf(siteKey))
    cleanups.push(() => deleteDatabase(old))
    await old.open()
    const item = { id: 'kept', sequence: 7, state: 'queued', connectionId: 4, updatedAt: 1 }
    await old.table('outbox').put(item)
    old.close()

    const db = await openUpgraded(siteKey)

    expect(await db.outbox.get('kept')).toEqual(item)
    const indexes = await db.transaction('r', db.outbox, (transaction) => [
      ...(transaction.idbtrans.objectStore('outbox').indexNames as DOMStringList)
    ])
    expect(indexes.sort()).toEqual(['receipt.at', 'sequence', 'state'])
  })

  it('upgrades a version 1 database that never had a directory', async () => {
    const siteKey = uniqueSiteKey()
    await savedByVersionOne(siteKey, [], [openConnection(1, { ContactIndvId: 3 })])

    const db = await openUpgraded(siteKey)

    expect(await readPeople(db)).toEqual([])
    expect((await readWorkingSet(db)).connections).toEqual([
      openConnection(1, { ContactIndvId: 3 })
    ])
    expect(await db.namedPeople.get(OPEN_CONNECTIONS_PEOPLE)).toEqual({
      key: OPEN_CONNECTIONS_PEOPLE,
      people: []
    })
    const asOf = (await readWorkingSet(db)).asOf
    expect(asOf.people).toBe(1_111)
    expect(oldestAsOf(asOf)).toBeNull()
  })
})
