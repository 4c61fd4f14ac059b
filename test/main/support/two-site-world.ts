import { createAcsClient } from '$main/api/acs-client'
import type { ApiLogger } from '$main/api/api-logger'
import { createCredentialVault } from '$main/credential-vault'
import { createDeliveryScheduler } from '$main/delivery-scheduler'
import type { WakeReason } from '$shared/bridge/channels'
import { operationOf, type ChangeRequest } from '$shared/change-request'
import type { DeliveryLoop } from '$shared/outbox/delivery-loop'
import { nextDueAt } from '$shared/outbox/delivery-order'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import { siteKeyOf } from '$shared/site-key'
import type { SiteFixture } from './practice-site-fixture'
import { createFakeClock } from './fake-clock'
import { pageLoop } from './delivery-world'
import { createMemoryOutboxStore, type MemoryOutboxStore } from './memory-outbox-store'
import { fakeSafeStorage, memorySettings } from './memory-keychain-parts'

/** One site's outbox as a page holds it: its own store and its own delivery loop. */
export interface SiteOutbox {
  siteKey: string
  fixture: SiteFixture
  store: MemoryOutboxStore
  loop: DeliveryLoop
  /** The page hears wakes for this outbox (a stale page may still listen after a switch). */
  listening: boolean
}

export interface TwoSiteWorldOptions {
  batchSize?: number
  concurrency?: number
}

/**
 * Two church sites and one main process: the real vault, scheduler and client, and one
 * delivery loop per site's outbox, as a page keeps one database per site. Sign-ins and
 * sign-outs change the vault and resume the scheduler as the bridge handlers do; which
 * outboxes hear a wake is up to the test, so a page that forgot to stop listening can be
 * played as well as a careful one. The scheduler's timers run on a fake clock.
 */
export function createTwoSiteWorld(
  fixtures: readonly [SiteFixture, SiteFixture],
  options: TwoSiteWorldOptions = {}
) {
  const clock = createFakeClock(Date.now())
  const logLines: string[] = []
  const logger: ApiLogger = {
    info: (message) => logLines.push(message),
    warn: (message) => logLines.push(message)
  }
  const client = createAcsClient({ logger, totalTimeoutMs: 5_000 })
  const vault = createCredentialVault({
    safeStorage: fakeSafeStorage,
    store: memorySettings(),
    platform: 'darwin',
    warn: (message) => logLines.push(message)
  })
  const wakes: WakeReason[] = []
  /** Requests the scheduler started: to which base URL, for which item. */
  const posts: Array<{ baseUrl: string; itemId: string }> = []
  const drains: Array<Promise<unknown>> = []
  const outboxes: SiteOutbox[] = []
  const scheduler = createDeliveryScheduler({
    client: {
      postChangeRequest: (credentials, item) => {
        posts.push({ baseUrl: credentials.baseUrl, itemId: item.id })
        return client.postChangeRequest(credentials, item)
      }
    },
    vault,
    wake: (reason) => {
      wakes.push(reason)
      for (const outbox of outboxes) {
        if (outbox.listening) drains.push(outbox.loop.drain().catch(() => undefined))
      }
    },
    onStateChanged: () => {},
    clock,
    logger,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency })
  })

  for (const fixture of fixtures) {
    const credentials = fixture.credentials()
    const siteKey = siteKeyOf({ ...credentials, practice: false })
    const store = createMemoryOutboxStore()
    const loop = pageLoop(scheduler, store, clock, siteKey, options.batchSize)
    outboxes.push({ siteKey, fixture, store, loop, listening: false })
  }
  let sequence = 0

  function outbox(index: number): SiteOutbox {
    const found = outboxes[index]
    if (!found) throw new Error(`The world has no site ${index}`)
    return found
  }

  return {
    clock,
    vault,
    scheduler,
    wakes,
    posts,
    logLines,
    outboxes,
    outbox,

    /** Saves results in this site's outbox and tells the main process, as the page does. */
    async capture(index: number, ...bodies: ChangeRequest[]): Promise<OutboxItem[]> {
      const target = outbox(index)
      const items = bodies.map((body) => {
        sequence++
        return createOutboxItem({
          id: `item-${sequence}`,
          idempotencyKey: crypto.randomUUID(),
          siteKey: target.siteKey,
          capturedBy: 'jadams',
          sequence,
          capturedAt: clock.now(),
          body,
          summary: {
            operation: operationOf(body),
            contactName: 'Ann Lee',
            connectionTypeName: 'Visit'
          }
        })
      })
      await target.store.saveAll(items)
      const unsent = await target.store.listUnsent()
      scheduler.report(
        { unsentCount: unsent.length, nextDueAt: nextDueAt(unsent), captured: true },
        1
      )
      return items
    },

    /** As the bridge's sign-in: the vault saves the site, then the scheduler resumes. */
    async signIn(index: number): Promise<void> {
      await vault.save(outbox(index).fixture.credentials(), {
        practice: false,
        persistWithoutKeychain: false
      })
      scheduler.resume()
    },

    async signOut(): Promise<void> {
      await vault.clear()
    },

    /** Waits for every drain the wakes started, including those started meanwhile. */
    async settle(): Promise<void> {
      while (drains.length > 0) await drains.shift()
    },

    close: async () => {
      scheduler.dispose()
      while (drains.length > 0) await drains.shift()
      await client.close()
    }
  }
}

export type TwoSiteWorld = ReturnType<typeof createTwoSiteWorld>
