import { afterEach, describe, expect, it } from 'vitest'
import { ReferenceRefreshError } from '../../../src/renderer/src/data/reference-refresh-error'
import {
  ReferenceSync,
  type ReferenceProgress
} from '../../../src/renderer/src/data/reference-sync'
import { readPeople, readWorkingSet } from '../../../src/renderer/src/db/reference-store'
import { SiteUnreachableError } from '../../../src/shared/errors'
import { freshDatabase } from '../db/outbox-fixtures'
import { generateDirectory } from '../search/generate-directory'
import { FakeDesk } from './fake-desk'
import { openConnection, person, smallSite } from './reference-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const DAY = 24 * 60 * 60 * 1000

async function setUp(desk: FakeDesk, now: () => number = () => 1_000_000) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  return { db, sync: new ReferenceSync(db, desk, { now }) }
}

describe('ReferenceSync', () => {
  it('downloads 5,000 people in pages of 1,000, reporting progress', async () => {
    const desk = new FakeDesk({ ...smallSite(), people: generateDirectory(5_000, 3) })
    const { db, sync } = await setUp(desk)
    const progress: ReferenceProgress[] = []

    const result = await sync.refresh({ kinds: ['people'], onProgress: (p) => progress.push(p) })

    expect(result.failures).toEqual([])
    expect(await readPeople(db)).toEqual(desk.data.people)
    expect((await db.peoplePages.toArray()).map((record) => record.items.length)).toEqual([
      1000, 1000, 1000, 1000, 1000
    ])
    expect(desk.lookupCalls.map((call) => [call.page, call.pageSize])).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 1000],
      [4, 1000],
      [5, 1000]
    ])
    expect(progress).toEqual([
      { phase: 'people', done: 0, total: 0 },
      ...[1, 2, 3, 4, 5].map((page) => ({ phase: 'people', done: page * 1000, total: 5000 }))
    ])
    expect((await db.peoplePages.get(5))?.items[320]).toEqual(desk.data.people[4320])
  })

  it('saves the people in records of 1,000 whatever page size the site answers with', async () => {
    const desk = new FakeDesk({ people: generateDirectory(2_500, 4) })
    const { db } = await setUp(desk)
    const sync = new ReferenceSync(db, desk, { pageSize: 300 })

    expect((await sync.refresh({ kinds: ['people'] })).failures).toEqual([])

    expect(desk.lookupCalls).toHaveLength(9)
    const records = await db.peoplePages.toArray()
    expect(records.map((record) => [record.page, record.items.length])).toEqual([
      [1, 1000],
      [2, 1000],
      [3, 500]
    ])
    expect(await readPeople(db)).toEqual(desk.data.people)
  })

  it('keeps the people the open connections name up to date with either kind', async () => {
    const desk = new FakeDesk(smallSite())
    const { db, sync } = await setUp(desk)
    const namedIds = async () =>
      (await readWorkingSet(db)).namedPeople.map((entry) => entry.IndvId).sort()

    await sync.refresh({ kinds: ['connections'] })
    expect(await namedIds()).toEqual([])
    await sync.refresh({ kinds: ['people'] })
    // Contacts and the one caller; connection 104 is closed, so its contact is not needed.
    expect(await namedIds()).toEqual([1, 2, 3, 4])

    desk.data.connections = [openConnection(105, { ContactIndvId: 3, CallerIndvId: 99 })]
    await sync.refresh({ kinds: ['connections'] })
    // Person 99 is not in the directory: nothing to name them by.
    expect(await namedIds()).toEqual([3])

    desk.data.people = [person(3, 'Zoe', 'Adams-Hart'), person(99, 'Nina', 'Park')]
    await sync.refresh({ kinds: ['people'] })
    expect((await readWorkingSet(db)).namedPeople).toEqual(desk.data.people)
  })

  it('saves every kind with its own as-of time, responses by type', async () => {
    let now = 1_000_000
    const desk = new FakeDesk(smallSite())
    const { db, sync } = await setUp(desk, () => now++)
    const result = await sync.refresh()

    expect(result.failures).toEqual([])
    const saved = await readWorkingSet(db)
    expect(saved.connectionTypes.map((type) => type.ConnectionTypeId)).toEqual([1, 2, 3])
    expect(saved.responsesByType.get(1)?.map((response) => response.ResponseId)).toEqual([11, 12])
    expect(saved.responsesByType.get(2)).toEqual([
      { ResponseId: 21, Description: 'Prayed together' }
    ])
    expect(saved.teams).toHaveLength(2)
    expect(await readPeople(db)).toEqual(desk.data.people)
    expect(saved.connections.map((connection) => connection.ConnectionId)).toEqual([101, 102, 103])
    expect(await db.connectionPages.count()).toBe(1)
    expect(saved.asOf).toEqual({
      connectionTypes: 1_000_000,
      responses: 1_000_001,
      teams: 1_000_002,
      people: 1_000_003,
      connections: 1_000_004
    })
    expect(result.asOf).toEqual(saved.asOf)
  })

  it('keeps the old copy and its as-of time when a refresh fails part way', async () => {
    let now = 1_000_000
    const desk = new FakeDesk({ ...smallSite(), people: generateDirectory(2_500, 5) })
    const { db, sync } = await setUp(desk, () => now)
    await sync.refresh()
    const before = await readWorkingSet(db)

    now += DAY
    desk.data.people = [person(1, 'Only', 'One')]
    desk.data.teams = [{ TeamId: 9, Name: 'New team' }]
    desk.failures.set('people', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the network'),
      fromPage: 1
    })
    const result = await sync.refresh()

    expect(result.failures).toHaveLength(1)
    const [failure] = result.failures
    expect(failure).toBeInstanceOf(ReferenceRefreshError)
    expect(failure?.kind).toBe('people')
    expect(failure?.reason).toBeInstanceOf(SiteUnreachableError)
    expect(failure?.message).toBe(
      'The people directory could not be refreshed: Access ACS could not be reached; check the network. The copy saved earlier is still used.'
    )
    const after = await readWorkingSet(db)
    expect(await readPeople(db)).toHaveLength(2_500)
    expect(after.asOf.people).toBe(before.asOf.people)
    // The other kinds went ahead.
    expect(after.teams).toEqual([{ TeamId: 9, Name: 'New team' }])
    expect(after.asOf.teams).toBe(now)
  })

  it('keeps the old directory when a later page fails', async () => {
    const desk = new FakeDesk({ people: generateDirectory(3_000, 8) })
    const { db, sync } = await setUp(desk)
    await sync.refresh({ kinds: ['people'] })
    desk.data.people = generateDirectory(3_000, 9).map((entry) => ({
      ...entry,
      LastName: 'Changed'
    }))
    desk.failures.set('people', { error: new Error('connection reset'), fromPage: 3 })

    const result = await sync.refresh({ kinds: ['people'] })

    expect(result.failures.map((failure) => failure.message)).toEqual([
      'The people directory could not be refreshed: connection reset. The copy saved earlier is still used.'
    ])
    const people = await readPeople(db)
    expect(people).toHaveLength(3_000)
    expect(people.some((entry) => entry.LastName === 'Changed')).toBe(false)
  })

  it('replaces the saved copy: people gone from the directory are gone here too', async () => {
    const desk = new FakeDesk({ people: generateDirectory(2_500, 6) })
    const { db, sync } = await setUp(desk)
    await sync.refresh({ kinds: ['people'] })
    desk.data.people = [person(2, 'Bob', 'Stone')]
    await sync.refresh({ kinds: ['people'] })
    expect((await readPeople(db)).map((entry) => entry.IndvId)).toEqual([2])
    expect(await db.peoplePages.count()).toBe(1)
  })

  it('is stale until every kind was fetched, and again a day later', async () => {
    let now = 5 * DAY
    const desk = new FakeDesk(smallSite())
    const { sync } = await setUp(desk, () => now)
    expect(await sync.isStale()).toBe(true)
    await sync.refresh({ kinds: ['people'] })
    expect(await sync.isStale()).toBe(true)

    expect(await sync.refreshIfStale()).toBeDefined()
    expect(await sync.isStale()).toBe(false)
    now += DAY - 1
    const calls = desk.lookupCalls.length
    expect(await sync.refreshIfStale()).toBeUndefined()
    expect(desk.lookupCalls).toHaveLength(calls)
    now += 2
    expect(await sync.isStale()).toBe(true)
  })

  it('shares a refresh already under way instead of starting a second', async () => {
    const desk = new FakeDesk(smallSite())
    const { sync } = await setUp(desk)
    const [first, second] = await Promise.all([sync.refresh(), sync.refresh()])
    expect(second).toBe(first)
    expect(desk.lookupCalls.filter((call) => call.name === 'teams')).toHaveLength(1)
  })
})
