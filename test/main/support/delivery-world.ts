import { createAcsClient } from '$main/api/acs-client'
import { createAcsApi } from '$main/api/acs-api'
import type { ApiLogger } from '$main/api/api-logger'
import { createCredentialVault } from '$main/credential-vault'
import { withPracticeSite } from '$main/signed-in-site'
import {
  createDeliveryScheduler,
  REPEATED_DUE_DELAY_MS,
  type DeliveryScheduler
} from '$main/delivery-scheduler'
import type { WakeReason } from '$shared/bridge/channels'
import { MAX_PAGE_SIZE, type Connection } from '$shared/lookups'
import { operationOf, type ChangeRequest } from '$shared/change-request'
import {
  createDeliveryLoop,
  type DeliveryLoop,
  type DeliveryLoopStore
} from '$shared/outbox/delivery-loop'
import { nextDueAt } from '$shared/outbox/delivery-order'
import { UNSENT_STATES, type OutboxItem } from '$shared/outbox/outbox-item'
import { createOutboxItem } from '$shared/outbox/outbox-transitions'
import { siteKeyOf } from '$shared/site-key'
import type { SiteFixture } from './practice-site-fixture'
import { createFakeClock, type FakeClock } from './fake-clock'
import { createMemoryOutboxStore } from './memory-outbox-store'
import { fakeSafeStorage, memorySettings } from './memory-keychain-parts'

export interface WorldOptions {
  username?: string
  password?: string
  concurrency?: number
  batchSize?: number
  /** Also receives every line the world logs (the app's log, in the log-capture test). */
  logger?: ApiLogger
}

/**
 * The whole delivery path of the app minus Electron: the page's loop over a memory
 * outbox, the main process's scheduler on a fake clock, the real credential vault and
 * the real client, against the practice site over HTTP. Retries fall due in virtual time,
 * so a test waits for no backoff.
 */
export async function createDeliveryWorld(fixture: SiteFixture, options: WorldOptions = {}) {
  const clock = createFakeClock(Date.now())
  const logLines: string[] = []
  const logger: ApiLogger = {
    info: (message) => {
      logLines.push(message)
      options.logger?.info(message)
    },
    warn: (message) => {
      logLines.push(message)
      options.logger?.warn(message)
    }
  }
  const client = createAcsClient({ logger, totalTimeoutMs: 5_000 })
  const api = createAcsApi({ logger })
  const credentials = fixture.credentials(options.username, options.password)
  // The practice site runs at the fixture's address, as the app's host would run it.
  const vault = withPracticeSite(
    createCredentialVault({
      safeStorage: fakeSafeStorage,
      store: memorySettings(),
      platform: 'darwin',
      warn: (message) => logger.warn(message)
    }),
    {
      start: async () => credentials,
      address: () => credentials.baseUrl,
      stop: async () => {}
    }
  )
  await vault.save(credentials, { practice: true, persistWithoutKeychain: false })
  // Saved as the practice site above: its key leaves out the port.
  const siteKey = siteKeyOf({ ...credentials, practice: true })

  const store = createMemoryOutboxStore()
  const wakes: WakeReason[] = []
  const drains: Array<Promise<unknown>> = []
  const loopHolder: { loop?: DeliveryLoop } = {}
  const scheduler = createDeliveryScheduler({
    client,
    vault,
    wake: (reason) => {
      wakes.push(reason)
      if (loopHolder.loop) drains.push(loopHolder.loop.drain())
    },
    onStateChanged: () => {},
    clock,
    logger,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency })
  })
  const loop = pageLoop(scheduler, store, clock, siteKey, options.batchSize)
  loopHolder.loop = loop
  let sequence = 0

  /** Saves results as the form does, then tells the main process, as the page does. */
  async function capture(...bodies: ChangeRequest[]): Promise<OutboxItem[]> {
    const items = bodies.map((body) => {
      sequence++
      return createOutboxItem({
        id: `item-${sequence}`,
        idempotencyKey: crypto.randomUUID(),
        siteKey,
        capturedBy: credentials.username,
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
    await store.saveAll(items)
    const unsent = await store.listUnsent()
    scheduler.report(
      { unsentCount: unsent.length, nextDueAt: nextDueAt(unsent), captured: true },
      1
    )
    return items
  }

  /** Waits for every drain the wakes started. */
  async function settle(): Promise<void> {
    while (drains.length > 0) await drains.shift()
  }

  /**
   * Lets virtual time run from one due time to the next until nothing is left to send (or
   * the queue paused), checking on the way that the scheduler wakes the page for each.
   */
  async function runUntilQuiet(maxSteps = 300): Promise<void> {
    for (let step = 0; step < maxSteps; step++) {
      await settle()
      if (scheduler.state().paused) return
      const due = nextDueAt(await store.listUnsent())
      if (due === null) return
      const wakesBefore = wakes.length
      clock.advance(Math.max(0, due - clock.now()))
      if (wakes.length === wakesBefore) clock.advance(REPEATED_DUE_DELAY_MS)
      if (wakes.length === wakesBefore) {
        throw new Error(`The scheduler did not wake the page for an item due at ${due}`)
      }
    }
    throw new Error(`Delivery did not settle within ${maxSteps} steps`)
  }

  return {
    clock,
    client,
    api,
    vault,
    scheduler,
    loop,
    store,
    wakes,
    logLines,
    credentials,
    capture,
    settle,
    runUntilQuiet,
    /** Every open connection, as the administrator's assignments list them. */
    openConnections: async (): Promise<Connection[]> => {
      const types = await api.connectionTypes(credentials)
      const pages = await Promise.all(
        types.items.map((type) =>
          api.assignments(credentials, type.id, { pageIndex: 0, pageSize: MAX_PAGE_SIZE })
        )
      )
      return pages.flatMap((page) => page.items)
    },
    unsent: async () =>
      (await store.listUnsent()).filter((item) => UNSENT_STATES.includes(item.state)),
    close: async () => {
      scheduler.dispose()
      await settle()
      await client.close()
      await api.close()
    }
  }
}

export type DeliveryWorld = Awaited<ReturnType<typeof createDeliveryWorld>>

/**
 * The page's delivery loop for one site's outbox, sending through the main process's
 * scheduler as window 1 does over the bridge.
 */
export function pageLoop(
  scheduler: DeliveryScheduler,
  store: DeliveryLoopStore,
  clock: FakeClock,
  siteKey: string,
  batchSize?: number
): DeliveryLoop {
  return createDeliveryLoop({
    store,
    send: (batch) => scheduler.sendBatch(batch, 1),
    report: async (report) => scheduler.report(report, 1),
    now: () => clock.now(),
    siteKey,
    ...(batchSize === undefined ? {} : { batchSize })
  })
}
