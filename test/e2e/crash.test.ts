import { setTimeout as sleep } from 'node:timers/promises'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildKeepOpen } from '../../src/shared/change-request'
import {
  beginSending,
  createOutboxItem,
  recoverAfterRestart
} from '../../src/shared/outbox/outbox-transitions'
import { intBetween, mulberry32 } from '../../src/sim/prng'
import { startPracticeDesk, waitForAppDelivering } from '../harness/driver/app-page'
import { CaptureDriver, countByState, type DriverItem } from '../harness/driver/capture-driver-page'
import { planCaptures } from '../harness/driver/capture-plan'
import { accountFor } from '../harness/driver/delivery-account'
import type { CaptureEntry, SavedReport } from '../harness/driver/driver-contract'
import { envCount } from '../harness/driver/env-count'
import { runSeed } from '../harness/driver/run-seed'
import { readSiteCatalog, type SiteCatalog } from '../harness/driver/site-catalog'
import { waitUntil } from '../harness/driver/wait-until'
import { HarnessError } from '../harness/harness-error'
import { launchDesk, type Desk } from '../harness/launch-desk'

/**
 * The power goes off: the browser is SIGKILLed while the clerk is capturing and while the
 * app is sending, and the app starts again on the same profile. Nothing it said was saved
 * may be lost, nothing may stay `sending`, and (idempotency honoured) nothing may be
 * recorded twice. `CRASH_ROUNDS=20` is the full run; `CRASH_SEED` replays one.
 */
const ROUNDS = envCount('CRASH_ROUNDS', 5)
const CAPTURES_PER_KILL = envCount('CRASH_CAPTURES', 30)
const SEED = runSeed('CRASH_SEED')
const CONNECTIONS = 12
const PRACTICE_USER = 'jadams'
const DRAIN_DEADLINE_MS = 90_000 + ROUNDS * CAPTURES_PER_KILL * 2 * 100
/** Kill, relaunch, and the app page reopening its site, twice a round. */
const TEST_TIMEOUT_MS = DRAIN_DEADLINE_MS + ROUNDS * 60_000

/** What recoverAfterRestart writes: how an item left `sending` by a crash is known again. */
const RECOVERY_MESSAGE = recoveryAttemptMessage()

let desk: Desk
let catalog: SiteCatalog
const saved = new Map<string, SavedReport>()
const random = mulberry32(SEED)

beforeAll(async () => {
  desk = await launchDesk({ people: 200 })
  await startPracticeDesk(desk)
  catalog = await readSiteCatalog(desk.sim)
})

afterAll(async () => {
  await desk?.close()
})

describe(`crash: ${ROUNDS} rounds of ${CAPTURES_PER_KILL} captures per kill, seed ${SEED}`, () => {
  it(
    'loses nothing saved, leaves nothing sending, records nothing twice, and sends all',
    async () => {
      const started = Date.now()
      const entries = planCaptures(catalog, {
        items: ROUNDS * 2 * CAPTURES_PER_KILL,
        connections: CONNECTIONS,
        newShare: 0.1,
        random,
        label: 'crash'
      })
      for (let round = 0; round < ROUNDS; round++) {
        const batch = (kill: number): CaptureEntry[] =>
          entries.slice(
            (round * 2 + kill) * CAPTURES_PER_KILL,
            (round * 2 + kill + 1) * CAPTURES_PER_KILL
          )
        await killWhileCapturing(batch(0))
        await expectSavedKept(`round ${round + 1}, after a kill while capturing`)
        await killWhileSending(batch(1))
        await expectSavedKept(`round ${round + 1}, after a kill while sending`)
      }

      await desk.sim.clearFaults()
      const driver = await openDriver()
      const items = await waitUntil(
        'every result in the outbox is sent',
        async () => {
          const all = await driver.listAll()
          return all.every((item) => item.state === 'sent') ? all : undefined
        },
        {
          timeoutMs: DRAIN_DEADLINE_MS,
          intervalMs: 500,
          describe: async () => JSON.stringify(countByState(await driver.listAll()))
        }
      )
      const account = accountFor(items, await desk.sim.changeRequests())
      const recovered = items.filter(wasRecovered)
      console.log(
        [
          `crash (seed ${SEED}): rounds ${ROUNDS}`,
          `kills ${ROUNDS * 2}`,
          `saved ${saved.size} of ${entries.length} started`,
          `items ${account.items}`,
          `records ${account.records}`,
          `duplicates ${account.duplicates}`,
          `recovered from sending ${recovered.length}`,
          `attempts ${JSON.stringify(account.attemptsByOutcome)}`,
          `elapsed ${((Date.now() - started) / 1000).toFixed(1)} s`
        ].join('; ')
      )

      expect(lostSaved(items)).toEqual([])
      expect(account.notSent).toEqual([])
      expect(account.missing).toEqual([])
      expect(account.duplicatedItems).toEqual([])
      expect(account.foreignRecords).toBe(0)
      expect(account.receiptMismatches).toEqual([])
      expect(account.orderBreaks).toEqual([])
      // Kills while sending caught items out, and those came back as unknown-outcome, then sent.
      expect(recovered.length).toBeGreaterThan(0)
      for (const item of recovered) expect(item.attempts.at(-1)?.outcome).toBe('accepted')
      expect(desk.pageErrors).toEqual([])
    },
    TEST_TIMEOUT_MS
  )
})

/** Kills the browser after a random number of this batch's captures have committed. */
async function killWhileCapturing(batch: CaptureEntry[]): Promise<void> {
  await desk.sim.setFaults({ latencyMs: { min: 20, max: 150 }, seed: SEED })
  const driver = await openDriver()
  const before = saved.size
  const killAt = intBetween(random, 0, batch.length - 1)
  const capturing = driver.captureMany(batch, PRACTICE_USER).then(
    () => undefined,
    (error: unknown) => error
  )
  await waitUntil(
    `${killAt} captures commit`,
    async () => (saved.size - before >= killAt ? true : undefined),
    { timeoutMs: 60_000, intervalMs: 5 }
  )
  await sleep(intBetween(random, 0, 30))
  await desk.kill()
  expectBrowserGone(await capturing)
  await restart()
}

/** Captures a batch, then kills the browser at a random moment while a send batch is out. */
async function killWhileSending(batch: CaptureEntry[]): Promise<void> {
  await desk.sim.setFaults({ latencyMs: { min: 300, max: 900 }, seed: SEED })
  const driver = await openDriver()
  await driver.captureMany(batch, PRACTICE_USER)
  await waitUntil(
    'the app is sending',
    async () =>
      (await driver.listAll()).some((item) => item.state === 'sending') ? true : undefined,
    { timeoutMs: 60_000, intervalMs: 20 }
  )
  await sleep(intBetween(random, 0, 800))
  await desk.kill()
  await restart()
}

async function restart(): Promise<void> {
  await desk.relaunch()
  await waitForAppDelivering(desk)
}

async function openDriver(): Promise<CaptureDriver> {
  return CaptureDriver.open(desk, {
    deliver: false,
    onSaved: (report) => saved.set(report.tag, report)
  })
}

async function expectSavedKept(when: string): Promise<void> {
  const driver = await openDriver()
  const items = await driver.listAll()
  await driver.page.close()
  expect(lostSaved(items), when).toEqual([])
}

/** Tags of captures the driver reported saved that the outbox no longer has. */
function lostSaved(items: readonly DriverItem[]): string[] {
  const ids = new Set(items.map((item) => item.id))
  return [...saved.values()].filter((report) => !ids.has(report.id)).map((report) => report.tag)
}

/** The capture loop may only have ended because its browser died under it. */
function expectBrowserGone(ended: unknown): void {
  if (ended === undefined) return
  expect(ended).toBeInstanceOf(Error)
  expect((ended as Error).message).toMatch(/closed|crash|destroyed/i)
}

function wasRecovered(item: DriverItem): boolean {
  return item.attempts.some(
    (attempt) => attempt.outcome === 'no-answer' && attempt.message === RECOVERY_MESSAGE
  )
}

function recoveryAttemptMessage(): string {
  const built = buildKeepOpen({ connectionId: 1, date: '01/01/2025', comment: '', responseIds: [] })
  if (!built.ok) throw new HarnessError('The recovery probe body is invalid')
  const item = createOutboxItem({
    id: 'recovery-probe',
    idempotencyKey: 'recovery-probe',
    siteKey: 'probe#1',
    capturedBy: PRACTICE_USER,
    sequence: 1,
    capturedAt: 0,
    body: built.body,
    summary: { operation: 'keep-open', contactName: 'probe', connectionTypeName: 'probe' }
  })
  const message = recoverAfterRestart(beginSending(item, 0), 0).attempts.at(-1)?.message
  if (!message) throw new HarnessError('recoverAfterRestart recorded no attempt')
  return message
}
