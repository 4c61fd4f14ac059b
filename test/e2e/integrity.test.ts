import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PRACTICE_SITE_NUMBER,
  PRACTICE_USERS,
  SECOND_PRACTICE_SITE_NUMBER,
  type RecordedChangeRequest
} from '../../src/sim'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import {
  commentOf,
  DELIVERY_TIMEOUT_MS,
  signInThroughForm,
  waitForRecorded
} from '../harness/page-objects/desk-session'
import { HistoryPage } from '../harness/page-objects/history-page'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'
import { StatusBar } from '../harness/page-objects/status-bar'
import { waitUntil } from '../harness/driver/wait-until'
import { storageQuota } from '../harness/storage-quota'

/**
 * The clerk's moves while results are on their way: signing out, switching sites, and a
 * disk that fills up. The practice site here ignores Idempotency-Key, as the real service
 * may: a result posted twice is recorded twice, so the tests can count.
 */
const PEOPLE = 200
/** Slow enough that the moves land while the batch is out. */
const SLOW_ANSWERS_MS = 2_500

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE })
})

afterAll(async () => {
  await desk?.close()
})

describe('signing out while results are on their way', () => {
  it('waits for the answers: none is posted twice, history shows each once, nothing is resent', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const before = (await desk.sim.changeRequests()).length
    const comments = await keepOffline(connections, 'Sign-out call', 3)

    await desk.sim.setFaults({ latencyMs: SLOW_ANSWERS_MS, honourIdempotency: false })
    await desk.setOnline(true)
    await waitForBatchOut()
    await new AppHeader(desk.page).signOut()

    await desk.sim.setFaults({ honourIdempotency: false })
    await signInThroughForm(desk, 'jadams')
    const recorded = (await waitForRecorded(desk, before + 3)).slice(before)
    expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
    await expectAllSentOnce(before, recorded)
  })
})

describe('switching sites while results are on their way', () => {
  it('leaves every result to the site it was entered for, posted once, none at the other site', async () => {
    const header = new AppHeader(desk.page)
    const signIn = new SignInPage(desk.page)
    if (!(await signIn.heading.isVisible())) await header.signOut()
    await signIn.usePractice()
    const connections = new ConnectionsPage(desk.page)
    await connections.waitForRows()
    await connections.waitForDataSettled()
    const before = (await desk.sim.changeRequests()).length
    const comments = await keepOffline(connections, 'Practice call', 3)

    await desk.sim.setFaults({ latencyMs: SLOW_ANSWERS_MS, honourIdempotency: false })
    await desk.setOnline(true)
    await waitForBatchOut()
    // Into the other site this e-mail may use. (A sign-in typed to the practice site's own
    // address, as another of its users, is the same site: its outbox would go on.)
    await header.signOut()
    const jadams = PRACTICE_USERS.find((user) => user.username === 'jadams')
    await signIn.submitEmail({
      baseUrl: desk.sim.appBaseUrl,
      email: jadams?.email ?? '',
      password: jadams?.password ?? ''
    })
    await signIn.chooseSite(SECOND_PRACTICE_SITE_NUMBER)
    await new ConnectionsPage(desk.page).waitForRows()
    const duringSwitch = (await desk.sim.changeRequests()).slice(before)
    expect(duringSwitch.map((record) => record.SiteNumber)).toEqual(
      duringSwitch.map(() => PRACTICE_SITE_NUMBER)
    )

    await desk.sim.setFaults({ honourIdempotency: false })
    await header.signOut()
    await signIn.usePractice()
    const recorded = (await waitForRecorded(desk, before + 3)).slice(before)
    expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
    expect(recorded.map((record) => record.User)).toEqual(['jadams', 'jadams', 'jadams'])
    expect(recorded.map((record) => record.SiteNumber)).toEqual(
      recorded.map(() => PRACTICE_SITE_NUMBER)
    )
    await expectAllSentOnce(before, recorded)
  })
})

describe('a disk that fills up mid-drain', () => {
  it('keeps the answers, says the disk is full, and once there is room records them without resending', async () => {
    const quota = await storageQuota(desk.page, desk.appOrigin)
    try {
      const connections = await signInThroughForm(desk, 'jadams')
      const statusBar = new StatusBar(desk.page)
      const before = (await desk.sim.changeRequests()).length
      // Chromium feels a new quota only once its cached "space remaining" is spent: from
      // here on every write is checked against the quota of the moment.
      await quota.fill()
      await quota.leaveRoom(4_000_000)
      const comments = await keepOffline(connections, 'Disk-full call', 3)

      await desk.sim.setFaults({ latencyMs: 2 * SLOW_ANSWERS_MS, honourIdempotency: false })
      await desk.setOnline(true)
      await waitForBatchOut()
      await quota.fill()

      await statusBar.waitFor(/Not saved: This computer's disk is full/, DELIVERY_TIMEOUT_MS)
      await statusBar.waitFor(/answers for [1-3] results? are kept/)
      const answered = (await desk.sim.changeRequests()).slice(before)
      expect(answered.length).toBeGreaterThan(0)

      await desk.sim.setFaults({ honourIdempotency: false })
      await quota.restore()
      const recorded = (await waitForRecorded(desk, before + 3)).slice(before)
      expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
      await expectAllSentOnce(before, recorded)
    } finally {
      await quota.restore()
    }
  })
})

/**
 * Goes offline and enters one Keep open result on each of the first `count` connections,
 * through the form, as a clerk does; they wait in the outbox, which is shown.
 */
async function keepOffline(
  connections: ConnectionsPage,
  label: string,
  count: number
): Promise<string[]> {
  await desk.setOnline(false)
  await new AppHeader(desk.page).goTo('Connections')
  await connections.waitForRows(count)
  const comments: string[] = []
  for (let index = 0; index < count; index++) {
    const contact = await connections.openByKeyboard(index)
    const comment = `${label} ${index + 1} to ${contact}`
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment, outcome: 'Keep open' })
    await form.saveAndClose()
    comments.push(comment)
  }
  await new StatusBar(desk.page).waitFor(`${count} results waiting`)
  // The outbox shows when their batch is out.
  await new AppHeader(desk.page).goTo('Outbox')
  return comments
}

/** Waits until the outbox shows a result being sent: locked, its request out. */
async function waitForBatchOut(): Promise<void> {
  const outbox = new OutboxPage(desk.page)
  const texts = async (): Promise<string[]> =>
    (await outbox.entryTexts()).map((entry) => entry.text)
  await waitUntil(
    'the outbox shows a result being sent',
    async () => ((await texts()).some((text) => /\bSending\b/.test(text)) ? true : undefined),
    {
      timeoutMs: DELIVERY_TIMEOUT_MS,
      intervalMs: 100,
      describe: async () => JSON.stringify(await texts())
    }
  )
}

/** The outbox is empty, the site recorded each result once, and History lists each once. */
async function expectAllSentOnce(before: number, recorded: RecordedChangeRequest[]) {
  const header = new AppHeader(desk.page)
  await header.goTo('Outbox')
  await new OutboxPage(desk.page).waitForCount(0, DELIVERY_TIMEOUT_MS)
  await new StatusBar(desk.page).waitFor('Everything is sent', DELIVERY_TIMEOUT_MS)
  expect((await desk.sim.changeRequests()).slice(before)).toEqual(recorded)

  await header.goTo('History')
  const history = new HistoryPage(desk.page)
  for (const record of recorded) {
    await history.waitForRow({ changeRequest: String(record.ConnectionCRId) })
  }
  const numbers = (await history.readRows()).map((row) => row.changeRequest)
  for (const record of recorded) {
    expect(numbers.filter((number) => number === String(record.ConnectionCRId))).toHaveLength(1)
  }
  expect(desk.pageErrors).toEqual([])
  expect(desk.cspViolations).toEqual([])
}
