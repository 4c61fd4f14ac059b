import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import { DeskPage } from '../harness/page-objects/desk-page'
import { commentOf, signInThroughForm, waitForRecorded } from '../harness/page-objects/desk-session'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { StatusBar } from '../harness/page-objects/status-bar'

/**
 * Issue #10, point 9: when the line comes back, results that waited for it leave at once,
 * however long their backoff had grown; "Send all now" does the same by hand, also for
 * results a busy service asked to wait.
 */

const PEOPLE = 200
/** Tries per result while offline: from the tenth, every backoff may reach its 15-minute cap. */
const OFFLINE_TRIES = 10
/** Longer than any backoff (15 minutes), so every waiting result is due again. */
const PAST_ANY_BACKOFF = '16:00'

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE })
  // The page's clock is Playwright's, so an afternoon of backoff passes in moments; it goes
  // on running at real speed between jumps. Installed before the app reads it, by a reload.
  await desk.context.clock.install()
  await desk.page.reload()
  await new DeskPage(desk.page).waitForDeskReady()
})

afterAll(async () => {
  await desk?.close()
})

async function enterResults(comments: readonly string[]): Promise<void> {
  const header = new AppHeader(desk.page)
  const connections = new ConnectionsPage(desk.page)
  await header.goTo('Connections')
  await connections.waitForRows(comments.length)
  for (const [index, comment] of comments.entries()) {
    await connections.openByKeyboard(index)
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment, outcome: 'Keep open' })
    await form.saveAndClose()
  }
}

describe('back online means now', () => {
  it('results that waited out a long backoff offline leave as soon as the line comes back', async () => {
    await signInThroughForm(desk, 'jadams')
    const statusBar = new StatusBar(desk.page)
    const outbox = new OutboxPage(desk.page)
    const before = (await desk.sim.changeRequests()).length
    const comments = [1, 2, 3, 4].map((number) => `Called from home, result ${number}`)

    await desk.setOnline(false)
    await statusBar.waitFor('Offline')
    await enterResults(comments)
    await new AppHeader(desk.page).goTo('Outbox')
    await outbox.waitForCount(comments.length)
    // Each result is tried when saved; then the afternoon goes by, try after failed try.
    for (let round = 1; ; round++) {
      const tries = await outbox.tryCounts()
      if (tries.every((count) => count >= OFFLINE_TRIES)) break
      expect(round, 'rounds of tries offline').toBeLessThanOrEqual(OFFLINE_TRIES)
      await desk.page.clock.fastForward(PAST_ANY_BACKOFF)
      desk.emit('delivery:wake', { reason: 'retry-due' })
      await expect
        .poll(async () => (await outbox.tryCounts()).every((count, index) => count > tries[index]!))
        .toBe(true)
    }
    await outbox.waitForEveryEntry(/Waiting to send — next try/, comments.length)
    expect(await desk.sim.changeRequests()).toHaveLength(before)

    // Their backoff now runs for minutes; the page's clock runs at real speed from here on.
    await desk.setOnline(true)
    await statusBar.waitFor('Online')
    const recorded = (await waitForRecorded(desk, before + comments.length)).slice(before)
    expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
    await outbox.waitForCount(0)
    expect(desk.pageErrors).toEqual([])
  })

  it('Send all now sends results a busy site asked to wait an hour, from the keyboard', async () => {
    await signInThroughForm(desk, 'jadams')
    const outbox = new OutboxPage(desk.page)
    const before = (await desk.sim.changeRequests()).length
    const comments = ['Busy site, result 1', 'Busy site, result 2']

    await desk.sim.setFaults({ rules: [{ kind: 'retry-after', status: 503, retryAfter: 3600 }] })
    try {
      await enterResults(comments)
      await new AppHeader(desk.page).goTo('Outbox')
      await outbox.waitForTries(1, comments.length)
      await outbox.waitForEveryEntry(/Waiting to send — next try/, comments.length)
    } finally {
      await desk.sim.clearFaults()
    }
    expect(await desk.sim.changeRequests()).toHaveLength(before)

    await outbox.sendAllNowButton.focus()
    await desk.page.keyboard.press('Enter')
    await desk.page
      .getByRole('status', { name: 'Last action' })
      .getByText('2 results will be tried now.')
      .waitFor()
    const recorded = (await waitForRecorded(desk, before + comments.length)).slice(before)
    expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
    await outbox.waitForCount(0)
    expect(desk.pageErrors).toEqual([])
  })
})
