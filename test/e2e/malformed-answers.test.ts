import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PRACTICE_SITE_NUMBER, PRACTICE_USERS } from '../../src/sim'
import type { MALFORMED_BODIES } from '../../src/sim/fault-settings'
import { mulberry32 } from '../../src/sim/prng'
import { reopenAppPage } from '../harness/driver/app-page'
import { CaptureDriver, type DriverItem } from '../harness/driver/capture-driver-page'
import { planCaptures } from '../harness/driver/capture-plan'
import {
  ERROR_PAGE_MARKER,
  startScriptedErrorFront,
  type ScriptedErrorFront
} from '../harness/driver/scripted-error-front'
import { readSiteCatalog, type SiteCatalog } from '../harness/driver/site-catalog'
import { waitUntil } from '../harness/driver/wait-until'
import { HarnessError } from '../harness/harness-error'
import { launchDesk, type Desk } from '../harness/launch-desk'
import type { CspViolation } from '../harness/page-records'
import { DeskPage } from '../harness/page-objects/desk-page'

/**
 * Answers no client should trust: each result ends waiting or needing attention with a
 * message a clerk can read, never "sent" without an id; nothing in an answer runs; and the
 * app goes on working once the site behaves again.
 */
const USER = PRACTICE_USERS.find((user) => user.username === 'jadams')
/** Longest message an attempt may carry: a short excerpt, never the page. */
const READABLE_MAX_LENGTH = 400

let desk: Desk
let front: ScriptedErrorFront
let driver: CaptureDriver
let catalog: SiteCatalog
let captures = 0
/** Capture tag → outbox item id, as the driver reports each capture saved. */
const savedIds = new Map<string, string>()

beforeAll(async () => {
  if (!USER) throw new HarnessError('The practice site has no user jadams')
  desk = await launchDesk({ people: 100 })
  const sim = desk.sim
  front = await startScriptedErrorFront(() => sim.url)
  // The app's line to the practice site runs through the front, so it can slip its page in.
  sim.routeThrough(front.port)
  const app = new DeskPage(desk.page)
  await app.waitForDeskReady()
  // Signed in as a church would be, to the practice site's address; the page opens that site.
  await app.call('credentials:sign-in', {
    baseUrl: sim.appBaseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: USER.username,
    password: USER.password
  })
  await reopenAppPage(desk)
  catalog = await readSiteCatalog(desk.sim)
  driver = await CaptureDriver.open(desk, {
    deliver: false,
    onSaved: (report) => savedIds.set(report.tag, report.id)
  })
})

afterAll(async () => {
  await Promise.allSettled([front?.close()])
  await desk?.close()
})

type MalformedBody = (typeof MALFORMED_BODIES)[number]

const SITE_CASES: Array<{ answer: string; body: MalformedBody }> = [
  { answer: 'truncated JSON', body: 'truncated-json' },
  { answer: '200 with junk', body: 'junk' },
  { answer: '200 without an id', body: 'no-id' },
  { answer: 'a 2 MB body', body: 'huge' }
]

describe('a change request answered with', () => {
  it('an HTML 500 page carrying scripts waits, says the status in words, then goes out', async () => {
    front.failNextChangeRequests(1)
    const item = await captureAndAwaitAnswer('html')
    expect(front.failedCount()).toBe(1)
    const [first] = item.attempts
    expect(first).toMatchObject({ outcome: 'retryable', status: 500 })
    expectReadable(first?.message ?? '')
    expect(first?.message).toContain('500 Internal Server Error: Runtime Error')
    expect(['waiting', 'sent']).toContain(item.state)
    await expectSafeEnd(item)
    // The front fails only once: the backoff's retry goes through, before the next case's
    // fault could meet it.
    await expectSafeEnd(await awaitSent(item.id))
  })

  it.each(SITE_CASES)(
    '$answer needs attention, is never counted as sent, and says why',
    async ({ body }) => {
      await desk.sim.setFaults({ rules: [{ kind: 'malformed', body, times: 1 }] })
      try {
        const item = await captureAndAwaitAnswer(body)
        expect(item.state).toBe('needs-attention')
        expect(item.receipt).toBeUndefined()
        // The site said 200: the request may exist, so the item is marked uncertain.
        expect(item.uncertain).toBe(true)
        expect(item.attempts.map((attempt) => attempt.outcome)).toEqual(['unexpected-answer'])
        expectReadable(item.attention?.message ?? '')
        expect(item.attention?.message).toContain('not counted as sent')
        await expectSafeEnd(item)
      } finally {
        await desk.sim.clearFaults()
      }
    }
  )
})

describe('after the malformed answers', () => {
  it('ran nothing from them, and the outbox shows each reason as text', async () => {
    for (const page of [desk.page, driver.page]) {
      expect(await page.evaluate((name) => name in globalThis, ERROR_PAGE_MARKER)).toBe(false)
    }
    expect(await desk.page.title()).toBe('Connections Desk')
    await desk.page
      .getByRole('navigation', { name: 'Screens' })
      .getByRole('button', { name: /^Outbox/ })
      .click()
    const attention = (await driver.listAll()).filter((item) => item.state === 'needs-attention')
    expect(attention).toHaveLength(SITE_CASES.length)
    for (const item of attention) {
      await expect
        .poll(() => desk.page.getByText(item.attention?.message ?? '(none)').count())
        .toBeGreaterThan(0)
    }
    // Inline scripts or handlers in the app's DOM would mean an answer's markup got in.
    const unsafe = await desk.page.evaluate(
      () =>
        (globalThis as unknown as { document: QueryRoot }).document.querySelectorAll(
          'script:not([src]), [onerror], [onload], iframe, object, embed'
        ).length
    )
    expect(unsafe).toBe(0)
    expect(desk.pageErrors).toEqual([])
    expect(violationsBesideZodProbe()).toEqual([])
  })

  it('sends a later result once the site behaves again', async () => {
    front.failNextChangeRequests(0)
    await desk.sim.clearFaults()
    const { id } = await captureOne('later')
    await expectSafeEnd(await awaitSent(id))
    expect(desk.pageErrors).toEqual([])
  })
})

async function captureOne(label: string): Promise<{ id: string }> {
  const [entry] = planCaptures(catalog, {
    items: 1,
    connections: 0,
    newShare: 1,
    random: mulberry32(++captures),
    label: `malformed-${label}`
  })
  if (!entry) throw new HarnessError('The plan made no capture')
  await driver.captureMany([entry], USER?.username ?? 'jadams')
  const id = savedIds.get(entry.tag)
  if (!id) throw new HarnessError(`The capture of ${label} was not reported saved`)
  return { id }
}

/** Captures one new connection and waits for the app's first answer to it. */
async function captureAndAwaitAnswer(label: string): Promise<DriverItem> {
  const { id } = await captureOne(label)
  return waitUntil(
    `the ${label} result has an answer`,
    async () => {
      const item = (await driver.listAll()).find((candidate) => candidate.id === id)
      return item && item.attempts.length > 0 && item.state !== 'sending' ? item : undefined
    },
    { timeoutMs: 30_000, intervalMs: 100 }
  )
}

async function awaitSent(id: string): Promise<DriverItem> {
  return waitUntil(
    `result ${id} is sent`,
    async () => {
      const item = (await driver.listAll()).find((candidate) => candidate.id === id)
      return item?.state === 'sent' ? item : undefined
    },
    { timeoutMs: 30_000, intervalMs: 200 }
  )
}

/** Sent only with an id the site recorded under the item's key; otherwise not recorded at all. */
async function expectSafeEnd(item: DriverItem): Promise<void> {
  const records = (await desk.sim.changeRequests()).filter(
    (record) => record.IdempotencyKey === item.idempotencyKey
  )
  if (item.state === 'sent') {
    expect(records.map((record) => record.ConnectionCRId)).toEqual([item.receipt?.connectionCRId])
  } else {
    expect(['waiting', 'needs-attention']).toContain(item.state)
    expect(records).toEqual([])
  }
}

/** A clerk can read it: short, plain text, none of the page's markup or script. */
function expectReadable(message: string): void {
  expect(message.trim().length).toBeGreaterThan(0)
  expect(message.length).toBeLessThanOrEqual(READABLE_MAX_LENGTH)
  expect(message).not.toMatch(/[<>]|script|onerror|ConnectionCRId": 12|xxxxxxxx/i)
}

/**
 * zod's one-time probe for eval (`new Function` inside a try) is blocked by the production
 * CSP and reported, though nothing runs; the renderer's entry can stop it with
 * `z.config({ jitless: true })`. Those reports from the app's own bundle are set aside, and
 * printed; any other violation (an inline script or handler from an answer) fails the test.
 */
function violationsBesideZodProbe(): CspViolation[] {
  const isProbe = (violation: CspViolation): boolean =>
    violation.directive === 'script-src' &&
    violation.blockedUri === 'eval' &&
    violation.sourceFile.startsWith(`${desk.appOrigin}/assets/`)
  const probes = desk.cspViolations.filter(isProbe)
  if (probes.length > 0) {
    console.warn(
      `The app page reported ${probes.length} CSP violation(s) for zod's eval probe: set z.config({ jitless: true }) in the renderer's entry`
    )
  }
  return desk.cspViolations.filter((violation) => !isProbe(violation))
}

interface QueryRoot {
  querySelectorAll(selector: string): { length: number }
}
