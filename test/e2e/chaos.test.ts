import { afterEach, describe, expect, it } from 'vitest'
import { PRACTICE_SITE_NUMBER } from '../../src/sim'
import { mulberry32 } from '../../src/sim/prng'
import { appStatusText, startPracticeDesk } from '../harness/driver/app-page'
import { CaptureDriver, countByState, type DriverItem } from '../harness/driver/capture-driver-page'
import { planCaptures } from '../harness/driver/capture-plan'
import { accountFor, type DeliveryAccount } from '../harness/driver/delivery-account'
import type { SavedReport } from '../harness/driver/driver-contract'
import { envCount } from '../harness/driver/env-count'
import { runSeed } from '../harness/driver/run-seed'
import { peopleForOpenConnections, readSiteCatalog } from '../harness/driver/site-catalog'
import { waitUntil } from '../harness/driver/wait-until'
import type { FaultBody } from '../harness/harness-site'
import { launchDesk, type Desk } from '../harness/launch-desk'
import type { DeskPage } from '../harness/page-objects/desk-page'

/**
 * The promise under a church office line's faults: every captured result is recorded, once
 * where idempotency allows it, in capture order per connection, and each has an account.
 * CI runs small counts; `CHAOS_ITEMS=2000 CHAOS_CONNECTIONS=300 CHAOS_LATENCY_MS=2000` is
 * the full run.
 */
const ITEMS = envCount('CHAOS_ITEMS', 300)
const CONNECTIONS = envCount('CHAOS_CONNECTIONS', 60)
const LATENCY_MAX_MS = envCount('CHAOS_LATENCY_MS', 200)
const SEED = runSeed('CHAOS_SEED')

/** Generous: the real backoff (2 s growing) decides, and the machine has two cores. */
const DRAIN_DEADLINE_MS = 90_000 + ITEMS * (100 + LATENCY_MAX_MS / 2)
/** Start-up and reference download, the captures themselves, then the drain. */
const TEST_TIMEOUT_MS = 120_000 + ITEMS * 150 + DRAIN_DEADLINE_MS
const NEW_PASSWORD = 'chaos-changed-pass-9'
const PRACTICE_USER = 'jadams'

let desk: Desk | undefined

afterEach(async () => {
  await desk?.close()
  desk = undefined
})

describe(`chaos: ${ITEMS} results over ${CONNECTIONS} connections, seed ${SEED}`, () => {
  it(
    'with idempotency honoured, records every result exactly once, in order, and sends all',
    async () => {
      const run = await runChaos(true)
      expect(run.savedCount).toBe(ITEMS)
      expect(run.lostSaved).toEqual([])
      expect(run.account.items).toBe(ITEMS)
      expect(run.account.missing).toEqual([])
      expect(run.account.notSent).toEqual([])
      expect(run.account.duplicatedItems).toEqual([])
      expect(run.account.foreignRecords).toBe(0)
      expect(run.account.receiptMismatches).toEqual([])
      expect(run.account.orderBreaks).toEqual([])
      // The site's Idempotent-Replayed header rules duplicates out, so none is flagged.
      expect(run.account.possibleDuplicateMarks).toBe(0)
      expectRealFaults(run.account)
      expect(run.pageErrors).toEqual([])
    },
    TEST_TIMEOUT_MS
  )

  it(
    'with idempotency off, records every result at least once and flags every duplicate',
    async () => {
      const run = await runChaos(false)
      expect(run.savedCount).toBe(ITEMS)
      expect(run.lostSaved).toEqual([])
      expect(run.account.items).toBe(ITEMS)
      expect(run.account.missing).toEqual([])
      expect(run.account.notSent).toEqual([])
      expect(run.account.unmarkedDuplicates).toEqual([])
      expect(run.account.foreignRecords).toBe(0)
      expect(run.account.receiptMismatches).toEqual([])
      expect(run.account.orderBreaks).toEqual([])
      // Drops after processing happened, so the test saw what it claims to check.
      expect(run.account.duplicates).toBeGreaterThan(0)
      expectRealFaults(run.account)
      expect(run.pageErrors).toEqual([])
    },
    TEST_TIMEOUT_MS
  )
})

interface ChaosRun {
  account: DeliveryAccount
  savedCount: number
  /** Captures the driver reported saved that are not in the outbox. */
  lostSaved: string[]
  pageErrors: string[]
}

async function runChaos(honourIdempotency: boolean): Promise<ChaosRun> {
  const started = Date.now()
  const current = await launchDesk({ people: peopleForOpenConnections(CONNECTIONS) })
  desk = current
  const app = await startPracticeDesk(current)
  const catalog = await readSiteCatalog(current.sim)
  const entries = planCaptures(catalog, {
    items: ITEMS,
    connections: CONNECTIONS,
    newShare: 0.1,
    random: mulberry32(SEED),
    label: honourIdempotency ? 'honoured' : 'ignored'
  })
  const saved = new Map<string, SavedReport>()
  const driver = await CaptureDriver.open(current, {
    deliver: false,
    onSaved: (report) => saved.set(report.tag, report)
  })

  const faults = chaosFaults(honourIdempotency)
  await current.sim.setFaults(faults)
  await Promise.all([
    driver.captureMany(entries, PRACTICE_USER),
    revokePasswordMidDrain(current, app, faults)
  ])

  const items = await waitUntil(
    `all ${ITEMS} results are sent`,
    async () => {
      const all = await driver.listAll()
      return all.length === ITEMS && all.every((item) => item.state === 'sent') ? all : undefined
    },
    {
      timeoutMs: DRAIN_DEADLINE_MS,
      intervalMs: 1_000,
      describe: async () =>
        `${JSON.stringify(countByState(await driver.listAll()))}; app: ${await appStatusText(current)}`
    }
  )
  const account = accountFor(items, await current.sim.changeRequests())
  printCounts(honourIdempotency, account, items, Date.now() - started)
  const ids = new Set(items.map((item) => item.id))
  return {
    account,
    savedCount: saved.size,
    lostSaved: [...saved.values()].filter((report) => !ids.has(report.id)).map((r) => r.tag),
    pageErrors: current.pageErrors.map((error) => error.message)
  }
}

/** Faults stop after a while (`times`), so no result is left on a long backoff at the end. */
function chaosFaults(honourIdempotency: boolean): FaultBody {
  const times = (rate: number): number => Math.max(3, Math.ceil(ITEMS * rate * 1.5))
  return {
    latencyMs: { min: 0, max: LATENCY_MAX_MS },
    rules: [
      { kind: 'drop-before', rate: 0.04, times: times(0.04) },
      { kind: 'drop-after', rate: 0.04, times: times(0.04) },
      { kind: 'status', status: 500, rate: 0.03, times: times(0.03) },
      { kind: 'status', status: 503, rate: 0.02, times: times(0.02) },
      { kind: 'retry-after', status: 429, retryAfter: 1, rate: 0.03, times: times(0.03) },
      { kind: 'retry-after', status: 503, retryAfter: 'http-date', rate: 0.02, times: times(0.02) }
    ],
    honourIdempotency,
    seed: SEED
  }
}

/**
 * A third of the way through, the office changes jadams's password: the next send gets a
 * 401, delivery pauses, and the clerk signs in again with the new one, as at the desk.
 */
async function revokePasswordMidDrain(
  current: Desk,
  app: DeskPage,
  faults: FaultBody
): Promise<void> {
  await waitUntil(
    `a third of the results reach the site`,
    async () => ((await current.sim.changeRequests()).length >= ITEMS / 3 ? true : undefined),
    { timeoutMs: DRAIN_DEADLINE_MS, intervalMs: 100 }
  )
  await current.sim.setFaults({ ...faults, passwords: { [PRACTICE_USER]: NEW_PASSWORD } })
  await waitUntil(
    'delivery pauses on the changed password',
    async () => (current.services.scheduler.state().paused ? true : undefined),
    { timeoutMs: 60_000, intervalMs: 100 }
  )
  await app.call('credentials:sign-in', {
    baseUrl: current.sim.appBaseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: PRACTICE_USER,
    password: NEW_PASSWORD
  })
  expect(current.services.scheduler.state().paused).toBe(false)
}

/** The run met the faults it was meant to: lost answers and "try again later" both. */
function expectRealFaults(account: DeliveryAccount): void {
  expect(account.attemptsByOutcome['no-answer'] ?? 0).toBeGreaterThan(0)
  expect(account.attemptsByOutcome.retryable ?? 0).toBeGreaterThan(0)
}

function printCounts(
  honourIdempotency: boolean,
  account: DeliveryAccount,
  items: readonly DriverItem[],
  elapsedMs: number
): void {
  const uncertain = items.filter((item) => item.uncertain).length
  console.log(
    [
      `chaos (idempotency ${honourIdempotency ? 'honoured' : 'off'}, seed ${SEED}, latency ≤ ${LATENCY_MAX_MS} ms): items ${account.items}`,
      `connections ${account.connections} (+${account.newConnectionItems} new-connection items)`,
      `records ${account.records}`,
      `duplicates ${account.duplicates}`,
      `possible-duplicate marks ${account.possibleDuplicateMarks}`,
      `uncertain items ${uncertain}`,
      `attempts ${JSON.stringify(account.attemptsByOutcome)}`,
      `elapsed ${(elapsedMs / 1000).toFixed(1)} s`
    ].join('; ')
  )
}
