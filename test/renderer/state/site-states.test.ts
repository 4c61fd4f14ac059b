import { until } from '../support/until'
import { afterEach, describe, expect, it } from 'vitest'
import { SiteRegistry } from '$renderer/db/site-registry'
import { openSiteStates, type SiteStates } from '$renderer/state/site-states'
import { FakeDesk } from '../support/fake-desk'
import { deleteDatabase, uniqueSiteKey } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { FEW_CONNECTIONS, practiceChurch } from '../support/practice-church'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

async function open(desk: FakeDesk, registry: SiteRegistry, siteKey: string): Promise<SiteStates> {
  const site = await openSiteStates(desk, siteKey, registry, { now: () => Date.UTC(2025, 2, 14) })
  cleanups.push(async () => {
    site.close()
    await deleteDatabase(site.database)
  })
  return site
}

describe('openSiteStates', () => {
  it('wires a site: reference data arrives, a capture is sent on wake, history shows it', async () => {
    const registry = new SiteRegistry(`test-registry-${crypto.randomUUID()}`)
    cleanups.push(() => registry.delete())
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    const site = await open(desk, registry, uniqueSiteKey())

    await site.start()
    await until(
      () => site.reference.dataAsOf !== null && !site.reference.refreshing,
      'the reference data downloaded'
    )
    expect(site.connections.rows.map((row) => row.contactName)).toEqual([
      'Ann Lee',
      'Bob Stone',
      'Peggy Okafor'
    ])

    await site.outbox.capture(keepOpenBody(101), summaryOf('Ann Lee'), 'clerk')
    expect(site.connections.rows[0]?.unsentCount).toBe(1)
    expect(site.status.waitingCount).toBe(1)
    desk.wake('captured')
    await until(
      () => site.outbox.count === 0 && !site.outbox.sending,
      'the outbox emptied by the send'
    )
    await site.history.load()
    expect(site.history.rows.map((row) => row.description)).toEqual(['Sent — change request 9001'])
    expect(site.connections.rows[0]?.unsentCount).toBe(0)
  })

  it('keeps a site’s unsent results when the clerk switches to another site and back', async () => {
    const registry = new SiteRegistry(`test-registry-${crypto.randomUUID()}`)
    cleanups.push(() => registry.delete())
    const desk = new FakeDesk(practiceChurch({ only: FEW_CONNECTIONS }))
    desk.delivery.send = async () => {
      throw new Error('offline')
    }
    const siteA = uniqueSiteKey(111)
    const first = await open(desk, registry, siteA)
    await first.outbox.start()
    await first.outbox.capture(keepOpenBody(101), summaryOf('Ann Lee'), 'clerk')
    first.close()

    const second = await open(desk, registry, uniqueSiteKey(222))
    await second.outbox.start()
    expect(second.outbox.count).toBe(0)
    const counts = await registry.unsentCounts()
    expect(counts.find((entry) => entry.siteKey === siteA)?.unsentCount).toBe(1)
    second.close()

    const back = await open(desk, registry, siteA)
    await back.outbox.start()
    expect(back.outbox.rows.map((row) => row.item.summary.contactName)).toEqual(['Ann Lee'])
  })
})
