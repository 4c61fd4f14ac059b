import { Dexie } from 'dexie'
import { afterEach, describe, expect, it } from 'vitest'
import type { DeskDatabase } from '$renderer/db/desk-database'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { databaseNameOf } from '$renderer/db/site-key'
import { siteKeyOf } from '$shared/site-key'
import { SiteRegistry } from '$renderer/db/site-registry'
import { deleteDatabase } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

function freshRegistry(now: () => number = Date.now): SiteRegistry {
  const registry = new SiteRegistry(`test-registry-${crypto.randomUUID()}`, now)
  cleanups.push(() => registry.delete())
  return registry
}

async function openSite(registry: SiteRegistry, siteKey: string): Promise<DeskDatabase> {
  const db = await registry.open(siteKey)
  cleanups.push(() => deleteDatabase(db))
  return db
}

describe('site keys', () => {
  it('treat a trailing slash or spaces in the base URL as the same site', () => {
    expect(
      siteKeyOf({
        baseUrl: ' https://secure.accessacs.com/api/v2/ ',
        siteNumber: 12345,
        practice: false
      })
    ).toBe('https://secure.accessacs.com/api/v2#12345')
  })

  it('name the practice site without its port, which changes every start', () => {
    const at = (port: number) => `http://127.0.0.1:${port}/api_accessacs_mobile/v2`
    expect(siteKeyOf({ baseUrl: at(40000), siteNumber: 12345, practice: true })).toBe(
      siteKeyOf({ baseUrl: at(40001), siteNumber: 12345, practice: true })
    )
    expect(siteKeyOf({ baseUrl: at(40000), siteNumber: 12345, practice: true })).not.toBe(
      siteKeyOf({ baseUrl: at(40000), siteNumber: 12345, practice: false })
    )
  })

  it('name one database per site, short and stable', () => {
    const first = databaseNameOf('https://a.example/v2#12345')
    expect(first).toMatch(/^connections-desk:12345-[0-9a-f]{16}$/)
    expect(databaseNameOf('https://a.example/v2#12345')).toBe(first)
    expect(databaseNameOf('https://b.example/v2#12345')).not.toBe(first)
    expect(databaseNameOf('https://a.example/v2#12346')).not.toBe(first)
  })
})

describe('SiteRegistry', () => {
  it('keeps each site’s outbox apart, and nothing is lost by switching sites', async () => {
    const registry = freshRegistry()
    const siteA = `https://a-${crypto.randomUUID()}.example/v2#12345`
    const siteB = `https://b-${crypto.randomUUID()}.example/v2#12345`

    const dbA = await openSite(registry, siteA)
    const itemA = await new OutboxRepository(dbA).capture(keepOpenBody(5), summaryOf('A'), 'ann')
    dbA.close()

    const dbB = await openSite(registry, siteB)
    const outboxB = new OutboxRepository(dbB)
    expect(await outboxB.listUnsent()).toEqual([])
    expect(await outboxB.get(itemA.id)).toBeUndefined()
    await outboxB.capture(keepOpenBody(6), summaryOf('B'), 'bob')
    dbB.close()

    const reopenedA = await openSite(registry, siteA)
    const unsentA = await new OutboxRepository(reopenedA).listUnsent()
    expect(unsentA.map((item) => item.id)).toEqual([itemA.id])
    expect(unsentA[0]?.siteKey).toBe(siteA)
  })

  it('lists every site used, most recent first, with its unsent count', async () => {
    let now = 1_000
    const registry = freshRegistry(() => now)
    const siteA = `https://a-${crypto.randomUUID()}.example/v2#111`
    const siteB = `https://b-${crypto.randomUUID()}.example/v2#222`
    const dbA = await openSite(registry, siteA)
    const outboxA = new OutboxRepository(dbA)
    await outboxA.capture(keepOpenBody(1), summaryOf('A'), 'ann')
    await outboxA.capture(keepOpenBody(2), summaryOf('A2'), 'ann')
    now = 2_000
    await openSite(registry, siteB)

    const sites = await registry.list()
    expect(sites.map((site) => site.siteKey)).toEqual([siteB, siteA])
    expect(sites[1]).toMatchObject({
      databaseName: databaseNameOf(siteA),
      firstOpenedAt: 1_000,
      lastOpenedAt: 1_000
    })
    expect(await registry.unsentCounts()).toEqual([
      { siteKey: siteB, unsentCount: 0 },
      { siteKey: siteA, unsentCount: 2 }
    ])
    expect(await Dexie.exists(databaseNameOf(siteA))).toBe(true)
  })
})
