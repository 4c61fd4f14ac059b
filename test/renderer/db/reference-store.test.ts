import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import { DeskDatabase } from '$renderer/db/desk-database'
import type { LegacyConnectionRow, LegacyPersonRow } from '$renderer/db/legacy-rows'
import {
  isReferenceStale,
  oldestAsOf,
  readPeople,
  readWorkingSet
} from '$renderer/db/reference-store'
import { replaceAssignments, replacePeople } from '$renderer/db/reference-writes'
import { databaseNameOf } from '$renderer/db/site-key'
import { generateDirectory } from '../support/generate-directory'
import { deleteDatabase, freshDatabase, uniqueSiteKey } from '../support/test-databases'
import { openConnection, person } from '../../shared/support/lookup-builders'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function setUp() {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  return db
}

const VERSION_ONE = {
  outbox: 'id, &sequence, state, connectionId, [state+nextAttemptAt], receipt.at',
  people: 'IndvId',
  connectionTypes: 'ConnectionTypeId',
  responses: '[ConnectionTypeId+ResponseId], ConnectionTypeId',
  teams: 'TeamId',
  connections: 'ConnectionId, ConnectionTypeId, ContactIndvId, CallerIndvId, TeamId',
  meta: 'key'
}

/** The schema the app shipped first, one row per person, opened without the app's class. */
function versionOne(name: string): Dexie {
  const db = new Dexie(name)
  db.version(1).stores(VERSION_ONE)
  return db
}

/** The schema of the app before it spoke the real API (page records of the old lookups). */
function versionTwo(name: string): Dexie {
  const db = new Dexie(name)
  db.version(1).stores(VERSION_ONE)
  db.version(2).stores({
    outbox: 'id, &sequence, state, receipt.at',
    people: null,
    connections: null,
    peoplePages: 'page',
    connectionPages: 'page',
    namedPeople: 'key'
  })
  return db
}

function legacyPerson(id: number, first: string, last: string, preferred = ''): LegacyPersonRow {
  return {
    IndvId: id,
    FamilyId: 1000 + id,
    FirstName: first,
    LastName: last,
    PreferredName: preferred,
    Email: `${first.toLowerCase()}@example.org`,
    Phone: '555-0100'
  }
}

function legacyConnection(id: number, fields: Partial<LegacyConnectionRow>): LegacyConnectionRow {
  return {
    ConnectionId: id,
    ConnectionTypeId: 1,
    ContactIndvId: 1,
    FamilyConnection: false,
    CallerIndvId: -1,
    TeamId: -1,
    DueDate: '',
    Status: 'Open',
    LastComment: '',
    ...fields
  }
}

/** Outbox items in every state today's app writes, as opaque records the upgrade must keep. */
function outboxItems(count: number) {
  const states = ['queued', 'sending', 'waiting', 'needs-attention', 'sent', 'discarded']
  return Array.from({ length: count }, (_, index) => ({
    id: `item-${index}`,
    sequence: index + 1,
    state: states[index % states.length],
    connectionId: 100 + (index % 40),
    nextAttemptAt: index,
    updatedAt: 1_700_000_000_000 + index,
    body: { ConnectionId: 100 + (index % 40), Comment: `Result ${index} ✓` },
    ...(index % states.length === 4 ? { receipt: { at: index, connectionCRId: 5000 + index } } : {})
  }))
}

async function savedByVersionOne(
  siteKey: string,
  people: LegacyPersonRow[],
  connections: LegacyConnectionRow[]
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
    const summary = [{ typeId: 1, typeName: 'Guests', colour: '', earliestDueDate: '', total: 1 }]
    await replaceAssignments(db, summary, [[openConnection(7)]], 300)
    await replacePeople(db, [people.slice(0, 1_200), people.slice(1_200)], 400)

    const workingSet = await readWorkingSet(db)
    expect(workingSet.assignments.map((connection) => connection.id)).toEqual([7])
    expect(workingSet.assignmentSummary).toEqual(summary)
    expect(workingSet.asOf).toMatchObject({ people: 400, assignments: 300, teams: null })
    expect(workingSet).not.toHaveProperty('people')
    expect(await readPeople(db)).toEqual(people)
    expect((await db.directoryPages.toArray()).map((record) => record.items.length)).toEqual([
      500, 500, 500, 500, 300
    ])
  })

  it('reads an empty copy before anything was downloaded', async () => {
    const db = await setUp()
    expect(await readPeople(db)).toEqual([])
    const workingSet = await readWorkingSet(db)
    expect(workingSet).toMatchObject({ account: null, connectionTypes: [], assignments: [] })
  })
})

describe('upgrading a database of the version before the real API (2 to 3)', () => {
  async function savedByVersionTwo(siteKey: string, items: ReturnType<typeof outboxItems>) {
    const old = versionTwo(databaseNameOf(siteKey))
    cleanups.push(() => deleteDatabase(old))
    await old.open()
    const people = [
      legacyPerson(1, 'Ann', 'Lee'),
      legacyPerson(2, 'Robert', 'Stone', 'Bob'),
      ...Array.from({ length: 1_500 }, (_, index) =>
        legacyPerson(10 + index, 'Member', `N${index}`)
      )
    ]
    const connections = [
      legacyConnection(101, {
        ContactIndvId: 2,
        ConnectionTypeId: 2,
        TeamId: 3,
        DueDate: '03/20/2025'
      }),
      legacyConnection(102, {
        ContactIndvId: 1,
        CallerIndvId: 2,
        DueDate: '03/10/2025',
        LastComment: 'Left a message'
      }),
      legacyConnection(103, { ContactIndvId: 99_999, ConnectionTypeId: 1 }),
      legacyConnection(104, { ContactIndvId: 1, Status: 'Closed' })
    ]
    await old.transaction('rw', old.tables, async () => {
      await old.table('outbox').bulkPut(items)
      await old.table('peoplePages').bulkPut([
        { page: 1, items: people.slice(0, 1000) },
        { page: 2, items: people.slice(1000) }
      ])
      await old.table('connectionPages').put({ page: 1, items: connections })
      await old.table('namedPeople').put({ key: 'openConnections', people: people.slice(0, 2) })
      await old.table('connectionTypes').bulkPut([
        { ConnectionTypeId: 1, Description: 'First-time guest', Active: true },
        { ConnectionTypeId: 2, Description: 'Hospital visit', Active: true }
      ])
      await old.table('responses').bulkPut([
        { ConnectionTypeId: 1, ResponseId: 11, Description: 'Left a message' },
        { ConnectionTypeId: 1, ResponseId: 12, Description: 'Will visit' },
        { ConnectionTypeId: 2, ResponseId: 21, Description: 'Prayed together' }
      ])
      await old.table('teams').put({ TeamId: 3, Name: 'Care team' })
      await old.table('meta').bulkPut([
        { key: 'sequence', value: items.length },
        { key: 'asOf:connectionTypes', value: 1_000 },
        { key: 'asOf:responses', value: 1_001 },
        { key: 'asOf:teams', value: 1_002 },
        { key: 'asOf:people', value: 1_003 },
        { key: 'asOf:connections', value: 1_004 }
      ])
    })
    old.close()
    return people
  }

  it('keeps every outbox item as it was, and drops the old stores', async () => {
    const siteKey = uniqueSiteKey()
    const items = outboxItems(1_200)
    await savedByVersionTwo(siteKey, items)

    const db = await openUpgraded(siteKey)

    // Version 4 (follow-up of sent results, #14) follows: sent items gain their follow-up.
    expect(db.verno).toBe(4)
    expect(await db.outbox.count()).toBe(1_200)
    expect(await db.outbox.orderBy('sequence').toArray()).toEqual(
      items.map((item) =>
        item.state === 'sent' && item.receipt
          ? { ...item, followUp: { state: 'waiting', changedAt: item.receipt.at } }
          : item
      )
    )
    expect(await db.meta.get('sequence')).toEqual({ key: 'sequence', value: 1_200 })
    const stores = [...db.backendDB().objectStoreNames].sort()
    expect(stores).toEqual([
      'assignmentPages',
      'connectionDetails',
      'directoryPages',
      'lists',
      'meta',
      'outbox',
      'personConnections',
      'sheetNumbers'
    ])
  })

  it('moves the directory, types, responses, teams and open connections into the new model', async () => {
    const siteKey = uniqueSiteKey()
    const people = await savedByVersionTwo(siteKey, outboxItems(3))

    const db = await openUpgraded(siteKey)

    const directory = await readPeople(db)
    expect(directory.map((entry) => entry.id)).toEqual(people.map((entry) => entry.IndvId))
    expect(directory[1]).toEqual({
      ...person(2, 'Robert', 'Stone', { goesByName: 'Bob' }),
      familyId: 1002,
      email: 'robert@example.org',
      phone: '555-0100'
    })
    const saved = await readWorkingSet(db)
    expect(saved.connectionTypes).toEqual([
      { id: 1, name: 'First-time guest', category: '', colour: '', mayChange: true },
      { id: 2, name: 'Hospital visit', category: '', colour: '', mayChange: true }
    ])
    expect(saved.responsesByType.get(1)).toEqual([
      { id: 11, name: 'Left a message' },
      { id: 12, name: 'Will visit' }
    ])
    expect(saved.teams).toEqual([{ id: 3, name: 'Care team', memberCount: 0 }])
    // Open ones only, type after type; a caller becomes the one team member.
    expect(
      saved.assignments.map((connection) => [
        connection.id,
        connection.typeName,
        connection.contact?.id,
        connection.contact?.firstName,
        connection.teamMembers.map((member) => member.firstName),
        connection.dueDate,
        connection.comment
      ])
    ).toEqual([
      [102, 'First-time guest', 1, 'Ann', ['Robert'], '03/10/2025', 'Left a message'],
      [103, 'First-time guest', 99_999, '', [], '', ''],
      [101, 'Hospital visit', 2, 'Robert', [], '03/20/2025', '']
    ])
    expect(saved.assignmentSummary).toEqual([
      {
        typeId: 1,
        typeName: 'First-time guest',
        colour: '',
        earliestDueDate: '03/10/2025',
        total: 2
      },
      {
        typeId: 2,
        typeName: 'Hospital visit',
        colour: '',
        earliestDueDate: '03/20/2025',
        total: 1
      }
    ])
  })

  it('keeps the as-of times, and is stale until the account is fetched', async () => {
    const siteKey = uniqueSiteKey()
    await savedByVersionTwo(siteKey, [])

    const db = await openUpgraded(siteKey)

    const { asOf, account } = await readWorkingSet(db)
    expect(asOf).toEqual({
      account: null,
      connectionTypes: 1_000,
      responses: 1_001,
      teams: 1_002,
      assignments: 1_004,
      people: 1_003
    })
    expect(account).toBeNull()
    expect(await db.meta.get('asOf:connections' as never)).toBeUndefined()
    expect(isReferenceStale(asOf, 1_005)).toBe(true)
  })
})

describe('upgrading a database of the first version (1 to 3)', () => {
  it('moves its people and open connections into the directory and the assignments', async () => {
    const siteKey = uniqueSiteKey()
    const people = Array.from({ length: 2_500 }, (_, index) =>
      legacyPerson(index + 1, 'Person', `Number${index}`)
    )
    const connections = Array.from({ length: 1_500 }, (_, index) =>
      legacyConnection(index + 1, {
        ContactIndvId: index + 1,
        CallerIndvId: index === 0 ? 2_400 : -1
      })
    )
    await savedByVersionOne(siteKey, people, connections)

    const db = await openUpgraded(siteKey)

    expect(db.verno).toBe(4)
    const stores = [...db.backendDB().objectStoreNames]
    for (const gone of ['people', 'connections', 'peoplePages', 'connectionPages', 'namedPeople']) {
      expect(stores).not.toContain(gone)
    }
    expect((await readPeople(db)).map((entry) => entry.id)).toEqual(people.map((p) => p.IndvId))
    const workingSet = await readWorkingSet(db)
    expect(workingSet.assignments.map((connection) => connection.id)).toEqual(
      connections.map((connection) => connection.ConnectionId)
    )
    expect(workingSet.assignments[0]?.teamMembers.map((member) => member.id)).toEqual([2_400])
    expect(workingSet.asOf.people).toBe(1_111)
    expect(workingSet.asOf.assignments).toBe(2_222)
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
    expect(indexes.sort()).toEqual(['followUp.state', 'receipt.at', 'sequence', 'state'])
  })

  it('upgrades a version 1 database that never had a directory', async () => {
    const siteKey = uniqueSiteKey()
    await savedByVersionOne(siteKey, [], [legacyConnection(1, { ContactIndvId: 3 })])

    const db = await openUpgraded(siteKey)

    expect(await readPeople(db)).toEqual([])
    const workingSet = await readWorkingSet(db)
    expect(workingSet.assignments.map((connection) => connection.contact?.id)).toEqual([3])
    expect(workingSet.asOf.people).toBe(1_111)
    expect(oldestAsOf(workingSet.asOf)).toBeNull()
  })
})
