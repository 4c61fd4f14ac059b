import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RecordedChangeRequest } from '../../src/sim'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader, SCREEN_NAMES } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import {
  churchSignIn,
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

/** Enough people for a list of a few dozen connections; few enough to download at once. */
const PEOPLE = 200

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE })
})

afterAll(async () => {
  await desk?.close()
})

describe('the first run', () => {
  it('signs in to the practice site, badged PRACTICE on every screen, and lists its connections', async () => {
    const signIn = new SignInPage(desk.page)
    const header = new AppHeader(desk.page)
    await signIn.waitForDeskReady()
    await signIn.waitForShown()
    expect(await header.practiceBadge.count()).toBe(0)

    await signIn.usePractice()
    const connections = new ConnectionsPage(desk.page)
    await connections.waitForRows()
    await connections.waitForDataSettled()
    // jadams, an administrator, is assigned every open connection: the summary counts them.
    const summary = (await desk.sim.getJson('connections/assignments?pageSize=500')) as {
      Page: Array<{ TotalConnections: number }>
    }
    const open = summary.Page.reduce((sum, type) => sum + type.TotalConnections, 0)
    expect(open).toBeGreaterThan(0)
    expect(await connections.countText()).toBe(`${open} open`)
    expect(await connections.rowCount()).toBe(open)

    for (const screen of SCREEN_NAMES) {
      await header.goTo(screen)
      await expect.poll(() => header.practiceBadge.isVisible()).toBe(true)
    }
    await header.goTo('Connections')
    await connections.openByKeyboard(0)
    expect(await header.practiceBadge.isVisible()).toBe(true)
    await desk.page.keyboard.press('Escape')
    await connections.heading.waitFor()

    expectCleanPage()
  })
})

describe('working offline', () => {
  it('keeps three results entered by keyboard, then sends them when the line returns', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const header = new AppHeader(desk.page)
    const statusBar = new StatusBar(desk.page)
    const before = (await desk.sim.changeRequests()).length

    await desk.setOnline(false)
    await statusBar.waitFor('Offline')
    const entered: Array<{ contact: string; comment: string }> = []
    for (const index of [0, 1, 2]) {
      const contact = await connections.openByKeyboard(index)
      const comment = `Offline call ${index + 1} to ${contact}`
      const form = new ResultFormPage(desk.page)
      const [firstResponse] = await form.responseNames()
      await form.enterByKeyboard({
        responses: firstResponse ? [firstResponse] : [],
        comment,
        outcome: 'Keep open'
      })
      await form.saveAndClose()
      entered.push({ contact, comment })
    }

    await header.goTo('Outbox')
    const outbox = new OutboxPage(desk.page)
    await outbox.waitForCount(3)
    // Each try fails at once offline; between tries every result waits its turn.
    await outbox.waitForEveryEntry(/Waiting to send|Queued/, 3)
    const entries = await outbox.entryTexts()
    expect(entries.map((entry) => entry.title)).toEqual(
      entered.map((result) => `Keep open — ${result.contact}`)
    )
    expect(await header.outboxBadgeText()).toContain('3 waiting')
    await statusBar.waitFor('3 results waiting')
    expect(await statusBar.text()).toContain('Offline')
    expect(await desk.sim.changeRequests()).toHaveLength(before)

    await desk.setOnline(true)
    await outbox.waitForCount(0, DELIVERY_TIMEOUT_MS)
    await statusBar.waitFor('Everything is sent')
    const recorded = (await waitForRecorded(desk, before + 3)).slice(before)
    expect(recorded.map(commentOf).sort()).toEqual(entered.map((result) => result.comment).sort())

    await header.goTo('History')
    const history = new HistoryPage(desk.page)
    for (const result of entered) {
      const record = recordedWithComment(recorded, result.comment)
      await history.waitForRow({
        changeRequest: String(record.ConnectionCRId),
        contact: result.contact,
        operation: 'Keep open',
        user: 'jadams'
      })
    }
    expectCleanPage()
  })
})

describe('a refused result', () => {
  it('needs attention when the site refuses a right the app could not know, and goes out once someone with rights edits it', async () => {
    const connections = await signInThroughForm(desk, 'clerk')
    const header = new AppHeader(desk.page)
    const before = (await desk.sim.changeRequests()).length

    // The clerk may change first-time guests, so the form offers Save; Access ACS refuses
    // anyway (the clerk's rights changed there since the last refresh): one 403.
    await desk.sim.setFaults({ rules: [{ kind: 'status', status: 403, times: 1 }] })
    await connections.filterByType('First-time guest')
    await connections.waitForRows()
    const contact = await connections.openByKeyboard(0)
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment: `Prayed with ${contact}`, outcome: 'Keep open' })
    await form.saveAndClose()

    await header.goTo('Outbox')
    const outbox = new OutboxPage(desk.page)
    const entry = outbox.entry(`Keep open — ${contact}`)
    await entry
      .filter({ hasText: 'Needs your attention' })
      .waitFor({ timeout: DELIVERY_TIMEOUT_MS })
    expect(await entry.innerText()).toMatch(
      /your Access ACS user lacks a right needed to send this result/
    )
    expect(await entry.innerText()).toMatch(/Ask your administrator for the right/)
    expect(await entry.innerText()).not.toMatch(/403.*403/s)
    expect(await header.outboxBadgeText()).toContain('1 needs you')
    expect(await desk.sim.changeRequests()).toHaveLength(before)
    await desk.sim.clearFaults()

    // A colleague with the rights signs in on this computer and sends it, corrected.
    await signInThroughForm(desk, 'jadams')
    await header.goTo('Outbox')
    await expect.poll(() => entry.innerText()).toMatch(/Needs your attention/)
    await outbox.edit(entry)
    const edit = new ResultFormPage(desk.page)
    await edit.waitForShown()
    expect(await edit.comment.inputValue()).toBe(`Prayed with ${contact}`)
    await edit.comment.fill(`Prayed with ${contact}; sent on by the office`)
    await edit.saveAndClose()

    await outbox.waitForCount(0, DELIVERY_TIMEOUT_MS)
    const recorded = (await waitForRecorded(desk, before + 1)).slice(before)
    expect(recorded).toHaveLength(1)
    expect(recorded[0]).toMatchObject({
      User: 'jadams',
      Body: { Comment: `Prayed with ${contact}; sent on by the office` }
    })
    await header.goTo('History')
    // History already holds rows of earlier tests: wait for this change request's own row.
    await new HistoryPage(desk.page).waitForRow({
      changeRequest: String(recorded[0]?.ConnectionCRId),
      contact,
      user: 'clerk'
    })
    expectCleanPage()
  })
})

describe('a password revoked while sending', () => {
  it('pauses the queue until the clerk signs in again, and then loses and repeats nothing', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const header = new AppHeader(desk.page)
    const statusBar = new StatusBar(desk.page)
    const outbox = new OutboxPage(desk.page)
    const before = (await desk.sim.changeRequests()).length
    const comments = [1, 2, 3, 4].map((attempt) => `Revocation call ${attempt}`)

    // Four results for one connection wait offline; they go out one after another.
    await desk.setOnline(false)
    const contact = await enterResults(connections, 5, comments)
    try {
      // Slow answers keep the queue draining long enough to change the password under it.
      await desk.sim.setFaults({ latencyMs: 400 })
      await desk.setOnline(true)
      await waitForRecorded(desk, before + 1)
      await desk.sim.setFaults({ latencyMs: 400, passwords: { jadams: 'new-pass' } })

      await statusBar.waitFor('Paused: sign in again', DELIVERY_TIMEOUT_MS)
      await header.goTo('Outbox')
      // The batch that met the 401 settles after the bar says so: wait for the whole list.
      await outbox.waitForEveryEntry(/Paused: sign in again/)
      for (const entry of await outbox.entries.all()) {
        const outcomes = (await outbox.attempts(entry)).map((cells) => cells[1])
        expect(outcomes).not.toContain('Password refused')
      }
      const duringPause = (await desk.sim.changeRequests()).slice(before)
      expect(duringPause.length).toBeLessThan(comments.length)

      await statusBar.signInButton.click()
      const signIn = new SignInPage(desk.page)
      await signIn.waitForShown()
      await signIn.region.getByText(/stopped accepting the saved password/).waitFor()
      await signIn.signIn(churchSignIn(desk, 'jadams', 'new-pass'))
      await header.goTo('Outbox')
      await outbox.waitForCount(0, DELIVERY_TIMEOUT_MS)
    } finally {
      await desk.sim.clearFaults()
    }

    const recorded = (await desk.sim.changeRequests()).slice(before)
    expect(recorded.map(commentOf)).toEqual(comments)
    expect(new Set(recorded.map((record) => record.IdempotencyKey)).size).toBe(comments.length)
    await header.goTo('History')
    const history = new HistoryPage(desk.page)
    for (const record of recorded) {
      await history.waitForRow({ changeRequest: String(record.ConnectionCRId), contact })
    }
    expectCleanPage()
  })
})

describe('results for one connection', () => {
  it('reach the site in the order they were entered', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const before = (await desk.sim.changeRequests()).length
    const comments = ['First call: no answer', 'Second call: left a message', 'Third call: spoke']

    await desk.setOnline(false)
    await enterResults(connections, 7, comments)
    await desk.setOnline(true)
    const recorded = (await waitForRecorded(desk, before + comments.length)).slice(before)

    expect(recorded.map(commentOf)).toEqual(comments)
    const connectionIds = new Set(recorded.map((record) => connectionIdOf(record)))
    expect(connectionIds.size).toBe(1)
    const ids = recorded.map((record) => record.ConnectionCRId)
    expect(ids).toEqual([...ids].sort((left, right) => left - right))
    expectCleanPage()
  })
})

/** Enters one Keep open result per comment for the row at `index`; returns its contact. */
async function enterResults(
  connections: ConnectionsPage,
  index: number,
  comments: readonly string[]
): Promise<string> {
  await new AppHeader(desk.page).goTo('Connections')
  await connections.waitForRows(index + 1)
  let contact = ''
  for (const comment of comments) {
    contact = await connections.openByKeyboard(index)
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment, outcome: 'Keep open' })
    await form.saveAndClose()
  }
  return contact
}

function recordedWithComment(
  recorded: readonly RecordedChangeRequest[],
  comment: string
): RecordedChangeRequest {
  const matches = recorded.filter((record) => commentOf(record) === comment)
  expect(matches, `change requests with the comment “${comment}”`).toHaveLength(1)
  return matches[0] as RecordedChangeRequest
}

function connectionIdOf(record: RecordedChangeRequest): unknown {
  const body = record.Body
  return typeof body === 'object' && body !== null && 'ConnectionId' in body
    ? body.ConnectionId
    : undefined
}

function expectCleanPage(): void {
  expect(desk.pageErrors).toEqual([])
  expect(desk.cspViolations).toEqual([])
}
