import { afterEach, describe, expect, it } from 'vitest'
import { ConnectionLookup, NotFetchedYetError } from '$renderer/data/connection-lookup'
import { NotFoundError, SiteUnreachableError } from '$shared/errors'
import { freshDatabase } from '../support/test-databases'
import { FakeDesk } from '../support/fake-desk'
import { FEW_CONNECTIONS, practiceChurch } from '../support/practice-church'
import { openConnection, person } from '../../shared/support/lookup-builders'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

const OFFLINE = new SiteUnreachableError('Access ACS could not be reached')

async function setUp(desk: FakeDesk) {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  let now = 1_000
  return { db, lookup: new ConnectionLookup(db, desk, { now: () => now++ }) }
}

describe('ConnectionLookup', () => {
  it('fetches a connection’s details online and reads them back offline, saying so', async () => {
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const { lookup } = await setUp(desk)
    const online = await lookup.details(102)
    expect(online).toMatchObject({ value: { id: 102 }, fetchedAt: 1_000, fromCache: false })

    desk.failures.set('connection', { error: OFFLINE })
    expect(await lookup.details(102)).toEqual({ ...online, fromCache: true })
  })

  it('says plainly when details asked for offline were never fetched here', async () => {
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const { lookup } = await setUp(desk)
    desk.failures.set('connection', { error: OFFLINE })
    const attempt = lookup.details(101)
    await expect(attempt).rejects.toBeInstanceOf(NotFetchedYetError)
    await expect(attempt).rejects.toThrow(
      /^The details of connection 101 were never fetched on this computer/
    )
  })

  it('does not hide a refusal behind the saved copy', async () => {
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const { lookup } = await setUp(desk)
    await lookup.details(102)
    desk.failures.set('connection', { error: new NotFoundError('No such connection') })
    await expect(lookup.details(102)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('fetches every page of a person’s connections, and keeps them for offline', async () => {
    const data = practiceChurch({ only: FEW_CONNECTIONS })
    const carl = person(4, 'Carl', 'Young')
    data.connections.push(
      ...Array.from({ length: 1_100 }, (_, index) => openConnection(500 + index, { contact: carl }))
    )
    const desk = new FakeDesk(data)
    const { lookup } = await setUp(desk)

    const online = await lookup.personConnections(4, 'Carl Young')
    // As the one assigned (102) and as contact (111 closed, the 1,100 new ones).
    expect(online.value.map((connection) => connection.id).slice(0, 4)).toEqual([
      102, 111, 500, 501
    ])
    expect(online.value).toHaveLength(1_102)
    expect(desk.lookupCalls.map((call) => call.pageIndex)).toEqual([0, 1, 2])

    desk.failures.set('personConnections', { error: OFFLINE })
    expect(await lookup.personConnections(4, 'Carl Young')).toEqual({
      ...online,
      fromCache: true
    })
    const never = lookup.personConnections(3, 'Zoë Adams')
    await expect(never).rejects.toBeInstanceOf(NotFetchedYetError)
    await expect(never).rejects.toThrow(
      'Zoë Adams’s connections were never fetched on this computer, and Access ACS cannot be reached now. Find Zoë Adams again when the connection is back.'
    )
  })
})
