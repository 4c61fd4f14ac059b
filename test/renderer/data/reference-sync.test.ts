import { afterEach, describe, expect, it } from 'vitest'
import { ReferenceRefreshError } from '$renderer/data/reference-refresh-error'
import { ReferenceSync, type ReferenceProgress } from '$renderer/data/reference-sync'
import { readPeople, readWorkingSet } from '$renderer/db/reference-store'
import { SiteUnreachableError } from '$shared/errors'
import { freshDatabase } from '../support/test-databases'
import { generateDirectory } from '../support/generate-directory'
import { FakeDesk } from '../support/fake-desk'
import { churchPerson, FEW_CONNECTIONS, practiceChurch } from '../support/practice-church'
import { openConnection, person } from '../../shared/support/lookup-builders'

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

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe('ReferenceSync', () => {
  it('downloads 5,000 people with q=% in pages of 500, four at a time, saved in order', async () => {
    const desk = new FakeDesk({
      ...practiceChurch({ only: FEW_CONNECTIONS }),
      people: generateDirectory(5_000, 3)
    })
    const { db, sync } = await setUp(desk)
    const search = desk.people.search
    let inFlight = 0
    let most = 0
    const queries = new Set<string>()
    const asked: number[] = []
    desk.people.search = async (request) => {
      queries.add(request.query)
      asked.push(request.pageIndex)
      inFlight++
      most = Math.max(most, inFlight)
      // Later pages answer sooner: the saved order must not follow the answers' order.
      await tick(40 - request.pageIndex * 4)
      inFlight--
      return search(request)
    }
    const progress: ReferenceProgress[] = []

    const result = await sync.refresh({ kinds: ['people'], onProgress: (p) => progress.push(p) })

    expect(result.failures).toEqual([])
    expect(await readPeople(db)).toEqual(desk.data.people)
    expect((await db.directoryPages.toArray()).map((record) => record.items.length)).toEqual(
      Array.from({ length: 10 }, () => 500)
    )
    expect([...queries]).toEqual(['%'])
    expect(asked).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    expect(desk.lookupCalls.every((call) => call.pageSize === 500)).toBe(true)
    expect(most).toBe(4)
    expect(progress[0]).toEqual({ phase: 'people', done: 0, total: 0 })
    expect(progress.at(-1)).toEqual({ phase: 'people', done: 5000, total: 5000 })
    expect(progress.slice(1).map((step) => step.done)).toEqual(
      Array.from({ length: 10 }, (_, index) => (index + 1) * 500)
    )
  })

  it('pages one by one until a short page when the site gives no page count', async () => {
    const desk = new FakeDesk({ people: generateDirectory(1_234, 4) })
    const search = desk.people.search
    desk.people.search = async (request) => {
      const page = await search(request)
      // A short page ends the list when PageCount is missing (the adapter decides "last").
      return { ...page, pageCount: null, last: page.items.length < page.pageSize }
    }
    const { db } = await setUp(desk)
    const sync = new ReferenceSync(db, desk, { pageSize: 300 })

    expect((await sync.refresh({ kinds: ['people'] })).failures).toEqual([])

    expect(desk.lookupCalls.map((call) => call.pageIndex)).toEqual([0, 1, 2, 3, 4])
    const records = await db.directoryPages.toArray()
    expect(records.map((record) => [record.page, record.items.length])).toEqual([
      [1, 500],
      [2, 500],
      [3, 234]
    ])
    expect(await readPeople(db)).toEqual(desk.data.people)
  })

  it('downloads the assignments: the summary, then each type’s pages, type after type', async () => {
    const data = practiceChurch({ only: FEW_CONNECTIONS })
    data.connections.push(
      ...Array.from({ length: 7 }, (_, index) =>
        openConnection(200 + index, { typeId: 2, contact: churchPerson(4) })
      )
    )
    const dueOf = (id: number) => data.connections.find((each) => each.id === id)?.dueDate
    const desk = new FakeDesk(data)
    const { db } = await setUp(desk)
    const sync = new ReferenceSync(db, desk, { pageSize: 3, now: () => 1_000_000 })

    expect((await sync.refresh({ kinds: ['assignments'] })).failures).toEqual([])

    expect(desk.lookupCalls.map((call) => [call.name, call.pageIndex])).toEqual([
      ['summary', 0],
      ['assignments', 0],
      ['assignments', 0],
      ['assignments', 1],
      ['assignments', 2]
    ])
    const saved = await readWorkingSet(db)
    expect(saved.assignments.map((connection) => connection.id)).toEqual([
      101, 104, 102, 200, 201, 202, 203, 204, 205, 206
    ])
    expect(saved.assignmentSummary).toEqual([
      {
        typeId: 1,
        typeName: 'First-time guest',
        colour: '#2e7d32',
        earliestDueDate: dueOf(101),
        total: 2
      },
      {
        typeId: 2,
        typeName: 'Hospital visit',
        colour: '#1565c0',
        earliestDueDate: dueOf(102),
        total: 8
      }
    ])
    expect(saved.asOf.assignments).toBe(1_000_000)
  })

  it('saves every kind with its own as-of time, the account first and the directory last', async () => {
    let now = 1_000_000
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const { db, sync } = await setUp(desk, () => now++)
    const result = await sync.refresh()

    expect(result.failures).toEqual([])
    const saved = await readWorkingSet(db)
    expect(saved.account).toEqual(desk.data.account)
    expect(saved.connectionTypes.map((type) => type.id)).toEqual([1, 2, 3, 4, 5])
    expect(saved.responsesByType.get(1)?.map((response) => response.id)).toEqual([11, 12, 13, 14])
    expect(saved.responsesByType.get(2)).toEqual([
      { id: 21, name: 'Visited in hospital' },
      { id: 22, name: 'Prayed together' },
      { id: 23, name: 'Brought communion' }
    ])
    expect(saved.teams).toHaveLength(3)
    expect(await readPeople(db)).toEqual(desk.data.people)
    expect(saved.assignments.map((connection) => connection.id)).toEqual([101, 104, 102])
    expect(saved.asOf).toEqual({
      account: 1_000_000,
      connectionTypes: 1_000_001,
      responses: 1_000_002,
      teams: 1_000_003,
      assignments: 1_000_004,
      people: 1_000_005
    })
    expect(result.asOf).toEqual(saved.asOf)
  })

  it('counts the items the site sent that could not be read, by kind, without failing', async () => {
    const desk = new FakeDesk({
      ...practiceChurch({ only: FEW_CONNECTIONS }),
      skipped: { people: 3, types: 1, summary: 2 }
    })
    const { sync } = await setUp(desk)
    const result = await sync.refresh()
    expect(result.failures).toEqual([])
    expect(result.skipped).toEqual({ connectionTypes: 1, assignments: 2, people: 3 })
  })

  it('keeps the old copy and its as-of time when a refresh fails part way', async () => {
    let now = 1_000_000
    const desk = new FakeDesk({
      ...practiceChurch({ only: FEW_CONNECTIONS }),
      people: generateDirectory(2_500, 5)
    })
    const { db, sync } = await setUp(desk, () => now)
    await sync.refresh()
    const before = await readWorkingSet(db)

    now += DAY
    desk.data.people = [person(1, 'Only', 'One')]
    desk.data.teams = [{ id: 9, name: 'New team', memberCount: 4 }]
    desk.failures.set('people', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the network'),
      fromPage: 0
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
    expect(after.teams).toEqual([{ id: 9, name: 'New team', memberCount: 4 }])
    expect(after.asOf.teams).toBe(now)
  })

  it('keeps the old directory when a later page fails, and asks for no page after', async () => {
    const desk = new FakeDesk({ people: generateDirectory(3_000, 8) })
    const { db, sync } = await setUp(desk)
    await sync.refresh({ kinds: ['people'] })
    desk.data.people = generateDirectory(3_000, 9).map((entry) => ({
      ...entry,
      lastName: 'Changed'
    }))
    desk.failures.set('people', { error: new Error('connection reset'), fromPage: 3 })
    // Page 3 fails at once, while the pages beside it are still out.
    const search = desk.people.search
    const asked: number[] = []
    desk.people.search = async (request) => {
      asked.push(request.pageIndex)
      if (request.pageIndex !== 3) await tick(20)
      return search(request)
    }

    const result = await sync.refresh({ kinds: ['people'] })

    expect(result.failures.map((failure) => failure.message)).toEqual([
      'The people directory could not be refreshed: connection reset. The copy saved earlier is still used.'
    ])
    const people = await readPeople(db)
    expect(people).toHaveLength(3_000)
    expect(people.some((entry) => entry.lastName === 'Changed')).toBe(false)
    // Pages 1 to 4 were out when page 3 failed; page 5 is never asked for, even after
    // the pages that were out have answered.
    await tick(100)
    expect(asked).toEqual([0, 1, 2, 3, 4])
  })

  it('replaces the saved copy: people gone from the directory are gone here too', async () => {
    const desk = new FakeDesk({ people: generateDirectory(2_500, 6) })
    const { db, sync } = await setUp(desk)
    await sync.refresh({ kinds: ['people'] })
    desk.data.people = [person(2, 'Bob', 'Stone')]
    await sync.refresh({ kinds: ['people'] })
    expect((await readPeople(db)).map((entry) => entry.id)).toEqual([2])
    expect(await db.directoryPages.count()).toBe(1)
  })

  it('is stale until every kind was fetched, and again a day later', async () => {
    let now = 5 * DAY
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
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
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const { sync } = await setUp(desk)
    const [first, second] = await Promise.all([sync.refresh(), sync.refresh()])
    expect(second).toBe(first)
    expect(desk.lookupCalls.filter((call) => call.name === 'teams')).toHaveLength(1)
  })
})
