import { afterEach, describe, expect, it } from 'vitest'
import { ReferenceSync } from '../../../src/renderer/src/data/reference-sync'
import { ReferenceState } from '../../../src/renderer/src/state/reference-state.svelte'
import { SiteUnreachableError } from '../../../src/shared/errors'
import { FakeDesk } from '../data/fake-desk'
import { smallSite } from '../data/reference-fixtures'
import { freshDatabase } from '../db/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const DAY = 24 * 60 * 60 * 1000

async function setUp(now: () => number) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  const desk = new FakeDesk(smallSite())
  const reference = new ReferenceState(db, new ReferenceSync(db, desk, { now }), { now })
  cleanups.push(async () => reference.stop())
  return { db, desk, reference }
}

describe('ReferenceState', () => {
  it('downloads at start when nothing is saved, then serves lookups and search', async () => {
    const now = 10 * DAY
    const { reference } = await setUp(() => now)
    expect(reference.isStale(now)).toBe(true)

    await reference.start()

    expect(reference.isStale(now)).toBe(false)
    expect(reference.dataAsOf).toBe(now)
    expect(reference.activeConnectionTypes.map((type) => type.Description)).toEqual([
      'First-time guest',
      'Hospital visit'
    ])
    expect(reference.responsesFor(1).map((response) => response.ResponseId)).toEqual([11, 12])
    expect(reference.responsesFor(99)).toEqual([])
    expect(reference.personById(2)?.PreferredName).toBe('Bob')
    expect(reference.typeById(2)?.Description).toBe('Hospital visit')
    expect(reference.teamById(2)?.Name).toBe('Care team')
    expect(reference.connectionById(103)?.ContactIndvId).toBe(3)
    expect(reference.searchPeople('bob').map((match) => match.person.IndvId)).toEqual([2])
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
    expect(reference.people).toHaveLength(4)
  })

  it('reports progress during a refresh and keeps failures with the old data', async () => {
    let now = 10 * DAY
    const { desk, reference } = await setUp(() => now)
    await reference.refresh()
    const phases = new Set<string>()
    desk.lookups.teams = async () => {
      phases.add(`${reference.refreshing}:${reference.progress?.phase}`)
      throw new SiteUnreachableError('Access ACS could not be reached')
    }
    now += 2 * DAY

    await reference.refresh()

    expect([...phases]).toEqual(['true:teams'])
    expect(reference.refreshing).toBe(false)
    expect(reference.progress).toBeNull()
    expect(reference.failures.map((failure) => failure.kind)).toEqual(['teams'])
    expect(reference.teams).toHaveLength(2)
    expect(reference.asOf.teams).toBe(10 * DAY)
    expect(reference.asOf.people).toBe(12 * DAY)
    expect(reference.dataAsOf).toBe(10 * DAY)
    expect(reference.isStale(now)).toBe(true)
  })
})
