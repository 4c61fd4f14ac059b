import { until } from '../support/until'
import { afterEach, describe, expect, it } from 'vitest'
import { ReferenceSync } from '$renderer/data/reference-sync'
import { ReferenceState } from '$renderer/state/reference-state.svelte'
import { ConnectionsListState } from '$renderer/state/connections-list-state.svelte'
import { SiteUnreachableError } from '$shared/errors'
import { FakeDesk } from '../support/fake-desk'
import { holdPeoplePages } from '../support/hold-people-pages'
import { freshDatabase } from '../support/test-databases'
import { FEW_CONNECTIONS, practiceChurch } from '../support/practice-church'
import { openConnection, person } from '../../shared/support/lookup-builders'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const DAY = 24 * 60 * 60 * 1000

async function setUp(now: () => number) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
  const reference = new ReferenceState(db, new ReferenceSync(db, desk, { now }), { now })
  cleanups.push(async () => reference.stop())
  return { db, desk, reference }
}

/** Resolves when `condition` holds; fails the test when it never does. */

describe('ReferenceState', () => {
  it('downloads at start when nothing is saved, then serves lookups and search', async () => {
    const now = 10 * DAY
    const { reference } = await setUp(() => now)
    expect(reference.isStale(now)).toBe(true)

    await reference.start()

    expect(reference.isStale(now)).toBe(false)
    expect(reference.dataAsOf).toBe(now)
    expect(reference.account?.userName).toBe('jadams')
    expect(reference.connectionTypes.map((type) => [type.name, type.mayChange])).toEqual([
      ['First-time guest', true],
      ['Hospital visit', true],
      ['Membership class', true],
      ['Prayer request', true],
      ['Easter 2019 campaign', false]
    ])
    expect(reference.assignmentSummary.map((summary) => [summary.typeId, summary.total])).toEqual([
      [1, 2],
      [2, 1]
    ])
    expect(reference.responsesFor(1).map((response) => response.id)).toEqual([11, 12, 13, 14])
    expect(reference.responsesFor(99)).toEqual([])
    expect(reference.personById(2)?.goesByName).toBe('Bob')
    expect(reference.typeById(2)?.name).toBe('Hospital visit')
    expect(reference.teamById(2)?.name).toBe('Care team')
    expect(reference.connectionById(104)?.contact?.id).toBe(2)
    expect(reference.searchPeople('peggy').map((match) => match.person.id)).toEqual([5])
    expect(reference.searchVersion).toBeGreaterThan(0)
  })

  it('does not download again at start while the saved copy is under a day old', async () => {
    let now = 10 * DAY
    const { desk, reference } = await setUp(() => now)
    await reference.start()
    const calls = desk.lookupCalls.length
    reference.stop()

    now += DAY / 2
    await reference.start()
    expect(desk.lookupCalls).toHaveLength(calls)
    expect(reference.people).toHaveLength(17)
  })

  it('reports progress during a refresh and keeps failures with the old data', async () => {
    let now = 10 * DAY
    const { desk, reference } = await setUp(() => now)
    await reference.refresh()
    const phases = new Set<string>()
    desk.teams.list = async () => {
      phases.add(`${reference.refreshing}:${reference.progress?.phase}`)
      throw new SiteUnreachableError('Access ACS could not be reached')
    }
    now += 2 * DAY

    await reference.refresh()

    expect([...phases]).toEqual(['true:teams'])
    expect(reference.refreshing).toBe(false)
    expect(reference.progress).toBeNull()
    expect(reference.failures.map((failure) => failure.kind)).toEqual(['teams'])
    expect(reference.teams).toHaveLength(3)
    expect(reference.asOf.teams).toBe(10 * DAY)
    expect(reference.asOf.people).toBe(12 * DAY)
    expect(reference.dataAsOf).toBe(10 * DAY)
    expect(reference.isStale(now)).toBe(true)
  })

  it('publishes the open assignments, their people named, before the directory is read', async () => {
    const now = 10 * DAY
    const { db, desk } = await setUp(() => now)
    desk.data.people.push(person(18, 'Dora', 'Finch'))
    await new ReferenceSync(db, desk, { now: () => now }).refresh()
    // A second window on the same saved copy, as after a restart.
    const reference = new ReferenceState(db, new ReferenceSync(db, desk), { now: () => now })
    expect(reference.loaded).toBe(false)
    expect(reference.directoryLoading).toBe(true)
    const letGo = await holdPeoplePages(db)
    cleanups.push(letGo)

    const loading = reference.load()
    await until(() => reference.loaded, 'the working set to be published')

    // Type after type, as the assignments of each type are fetched.
    expect(reference.connections.map((connection) => connection.id)).toEqual([101, 104, 102])
    expect(reference.isStale(now)).toBe(false)
    expect(reference.directoryLoading).toBe(true)
    expect(reference.people).toEqual([])
    expect(reference.searchPeople('dora')).toEqual([])
    expect(reference.searchVersion).toBe(0)
    // Contacts and team members come with the assignments: the list names them already.
    expect(reference.personById(18)).toBeUndefined()
    const list = new ConnectionsListState(reference, { unsentCountFor: () => 0 }, now)
    const rowsBefore = list.rows
    expect(rowsBefore.map((row) => [row.contactName, row.assigneeName])).toEqual([
      ['Ann Lee', 'Esther Bailey, David Kim'],
      ['Bob Stone', 'Esther Bailey, David Kim'],
      ['Peggy Okafor', 'Carl Young']
    ])

    await letGo()
    await loading

    expect(reference.directoryLoading).toBe(false)
    expect(reference.people).toHaveLength(18)
    expect(reference.personById(18)?.firstName).toBe('Dora')
    expect(reference.searchPeople('dora').map((match) => match.person.id)).toEqual([18])
    expect(reference.searchVersion).toBe(1)
    // Every name was already there: the list is not joined again for the directory.
    expect(list.rows).toBe(rowsBefore)
  })

  it('decides at start whether to refresh from the working set, without waiting for the directory', async () => {
    let now = 10 * DAY
    const { db, desk, reference } = await setUp(() => now)
    await reference.refresh()
    reference.stop()
    now += 2 * DAY
    desk.data.connections = [openConnection(201, { contact: person(4, 'Carl', 'Young') })]
    const letGo = await holdPeoplePages(db)
    cleanups.push(letGo)
    const earlierCalls = desk.lookupCalls.length

    const starting = reference.start()
    // The download begins; its writes wait for the directory's read to finish.
    await until(
      () => desk.lookupCalls.length > earlierCalls,
      'the stale data to be refreshed while the directory is still being read'
    )
    await letGo()
    await starting

    expect(reference.isStale(now)).toBe(false)
    expect(reference.connections.map((connection) => connection.id)).toEqual([201])
    expect(reference.people).toHaveLength(17)
    expect(reference.searchPeople('carl').map((match) => match.person.id)).toEqual([4])
  })

  it('publishes only the newest read of the directory when reads overlap', async () => {
    const now = 10 * DAY
    const { db, desk, reference: first } = await setUp(() => now)
    await first.refresh()
    const reference = new ReferenceState(db, new ReferenceSync(db, desk), { now: () => now })
    const letGo = await holdPeoplePages(db)
    cleanups.push(letGo)
    const older = reference.load()
    await until(() => reference.loaded, 'the first working set')
    // The older load is now reading the directory; a newer one begins before it is done.
    const newer = reference.load()
    await letGo()
    await Promise.all([older, newer])

    // The older read finished first, but a newer one had begun: only the newer is indexed.
    expect(reference.searchVersion).toBe(1)
    expect(reference.people).toHaveLength(17)
    expect(reference.searchPeople('ann').map((match) => match.person.id)).toEqual([1])
  })
})
