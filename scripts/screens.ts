/**
 * Drives the app through its main flows in the browser harness and writes a PNG of each
 * screen to docs/screens/ (1280x800). Run with `npm run screens`; it builds the renderer
 * from the current source into a temporary folder and removes it, with every process it
 * started, when it ends.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from 'playwright'
import { buildRenderer } from '../test/harness/build-renderer'
import { HarnessError } from '../test/harness/harness-error'
import { launchDesk, type Desk } from '../test/harness/launch-desk'
import { AppHeader } from '../test/harness/page-objects/app-header'
import { CallSheetsPage } from '../test/harness/page-objects/call-sheets-page'
import { ConnectionsPage } from '../test/harness/page-objects/connections-page'
import {
  churchSignIn,
  DELIVERY_TIMEOUT_MS,
  waitForRecorded
} from '../test/harness/page-objects/desk-session'
import { HistoryPage } from '../test/harness/page-objects/history-page'
import { waitUntil } from '../test/harness/driver/wait-until'
import { NewConnectionPage } from '../test/harness/page-objects/new-connection-page'
import { OutboxPage } from '../test/harness/page-objects/outbox-page'
import { PeoplePage } from '../test/harness/page-objects/people-page'
import { ResultFormPage } from '../test/harness/page-objects/result-form-page'
import { SignInPage } from '../test/harness/page-objects/sign-in-page'
import { PRACTICE_SITE_NUMBER, PRACTICE_USERS } from '../src/sim'
import { StatusBar } from '../test/harness/page-objects/status-bar'

const PROJECT_ROOT = join(import.meta.dirname, '..')
const SCREENS_DIR = join(PROJECT_ROOT, 'docs/screens')
const VIEWPORT = { width: 1280, height: 800 }
/** Enough people for a realistic list, few enough to download in a moment. */
const PEOPLE = 400

/**
 * The first of the listed connections the signed-in user may change: some of the practice
 * site's connections are view-only for the clerk, and their form has no fields to fill.
 */
async function openChangeable(page: Page, connections: ConnectionsPage): Promise<ResultFormPage> {
  const form = new ResultFormPage(page)
  for (let index = 0; index < 10; index++) {
    await connections.openByKeyboard(index)
    await form.saveButton.or(form.readOnlyReason).first().waitFor()
    if (await form.saveButton.isVisible()) return form
    await page.keyboard.press('Escape')
    await form.form.waitFor({ state: 'detached' })
  }
  throw new HarnessError('None of the first ten connections may be changed by this user')
}

async function main(): Promise<void> {
  const rendererDir = await mkdtemp(join(tmpdir(), 'connections-desk-screens-'))
  let desk: Desk | undefined
  try {
    await buildRenderer(rendererDir)
    await mkdir(SCREENS_DIR, { recursive: true })
    desk = await launchDesk({ rendererDir, people: PEOPLE })
    await desk.page.setViewportSize(VIEWPORT)
    await captureScreens(desk)
  } finally {
    try {
      await desk?.close()
    } finally {
      await rm(rendererDir, { recursive: true, force: true })
    }
  }
}

async function captureScreens(desk: Desk): Promise<void> {
  const page = desk.page
  const signIn = new SignInPage(page)
  await signIn.waitForDeskReady()
  await signIn.waitForShown()
  await shoot(page, 'first-run.png')

  // The e-mail sign-in: jadams's e-mail may use both practice sites.
  const jadams = PRACTICE_USERS.find((user) => user.username === 'jadams')
  if (!jadams) throw new HarnessError('The practice site has no user jadams')
  await signIn.submitEmail({
    baseUrl: desk.sim.appBaseUrl,
    email: jadams.email,
    password: jadams.password
  })
  await signIn.siteChoices()
  await shoot(page, 'sign-in-sites.png')
  await signIn.chooseSite(PRACTICE_SITE_NUMBER)
  const connections = new ConnectionsPage(page)
  await connections.waitForRows()
  await connections.waitForDataSettled()
  const header = new AppHeader(page)
  await header.signOut()

  // A refusal next, so the outbox has a result that needs attention: the site refuses a
  // right the app could not know about (changed since its last refresh) with 403.
  await signIn.signIn(churchSignIn(desk, 'clerk'))
  await connections.waitForRows()
  await desk.sim.setFaults({ rules: [{ kind: 'status', status: 403, times: 1 }] })
  await connections.filterByType('First-time guest')
  await connections.waitForRows()
  const form = await openChangeable(page, connections)
  await form.enterByKeyboard({
    outcome: 'Keep open',
    comment: 'Left a voicemail; will try again on Thursday.'
  })
  await form.saveAndClose()
  await header.goTo('Outbox')
  const outbox = new OutboxPage(page)
  await outbox.waitForMatching(/Needs your attention/, 1, DELIVERY_TIMEOUT_MS)
  await desk.sim.clearFaults()
  await header.signOut()

  // The practice site, as a new clerk would start.
  await signIn.usePractice()
  await connections.waitForRows()
  await connections.filterByType('All types')
  await connections.waitForRows(5)
  await connections.waitForDataSettled()
  await shoot(page, 'connections.png')

  const sheets = new CallSheetsPage(page)
  await sheets.open()
  await shoot(page, 'call-sheet.png')
  await sheets.close()

  // Three rows ticked by keyboard (x, then Shift+Down twice), one result for all of them.
  await connections.focusList()
  await page.keyboard.press('x')
  await page.keyboard.press('Shift+ArrowDown')
  await page.keyboard.press('Shift+ArrowDown')
  await page.getByRole('button', { name: 'Same result for 3…' }).click()
  const bulk = page.getByRole('dialog', { name: 'Same result for 3' })
  await bulk.getByRole('textbox', { name: 'Comment' }).fill('Called after the fall festival.')
  await bulk.getByRole('radio', { name: 'Keep open' }).check()
  await bulk.getByRole('button', { name: 'Review…' }).click()
  await bulk.getByRole('list', { name: 'Results to save' }).waitFor()
  await shoot(page, 'bulk-confirmation.png')
  await bulk.getByRole('button', { name: 'Cancel' }).click()
  await bulk.waitFor({ state: 'hidden' })
  await page.keyboard.press('x')
  await page.keyboard.press('k')
  await page.keyboard.press('x')
  await page.keyboard.press('k')
  await page.keyboard.press('x')

  await connections.openByKeyboard(1)
  await form.enterByKeyboard({
    responses: await form.responseNames().then((names) => names.slice(0, 1)),
    comment: 'Spoke with her after the service; she would like a visit next week.',
    outcome: 'Keep open'
  })
  await shoot(page, 'result-form.png')
  await form.saveAndClose()

  await header.goTo('New connection')
  const newConnection = new NewConnectionPage(page)
  await newConnection.waitForShown()
  await newConnection.enter({
    contactQuery: await firstContactName(desk),
    typeDescription: 'First-time guest',
    teamName: 'Welcome team',
    responses: ['Sent a welcome letter'],
    comment: 'Filled in a guest card on Sunday.'
  })
  await shoot(page, 'new-connection-form.png')
  await newConnection.saveByKeyboard()
  await connections.heading.waitFor()
  await waitForRecorded(desk, 2)

  // Find a person: the contact of the list's first row, and their connections.
  const [someone] = await connections.contactNames()
  if (!someone) throw new HarnessError('The list shows no contact to find')
  await header.goTo('Find a person')
  const people = new PeoplePage(page)
  await people.find(someone, someone)
  await people.connections(someone).waitFor()
  await shoot(page, 'find-a-person.png')
  await header.goTo('Connections')
  await connections.waitForRows()

  // Offline: two more results wait beside the refused one.
  await desk.setOnline(false)
  for (const index of [2, 3]) {
    await connections.openByKeyboard(index)
    await form.enterByKeyboard({ outcome: 'Keep open', comment: 'No answer; left a message.' })
    await form.saveAndClose()
  }
  await header.goTo('Outbox')
  await outbox.waitForMatching(/Waiting to send|Queued/, 2)
  await new StatusBar(page).waitFor('Offline')
  await shoot(page, 'outbox.png')

  await desk.setOnline(true)
  // The refused result stays; the History screen reads the sent ones when it opens.
  await outbox.waitForCount(1, DELIVERY_TIMEOUT_MS)
  await header.goTo('History')
  const history = new HistoryPage(page)
  // The practice site's four results: the two sent online and the two kept offline.
  const recorded = await waitForRecorded(desk, 4)
  for (const record of recorded) {
    await history.waitForRow({ changeRequest: String(record.ConnectionCRId) })
  }
  // The administrator approves the first two; "Check now" finds them applied, the others wait.
  const approved = recorded.slice(0, 2).map((record) => record.ConnectionCRId)
  const answer = await fetch(`${desk.sim.url}/_sim/approve`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ConnectionCRIds: approved })
  })
  if (answer.status !== 200) throw new Error(`POST /_sim/approve answered ${answer.status}`)
  await history.checkNow()
  await waitUntil(
    'History shows the approved results applied',
    async () => {
      const rows = await history.readRows()
      const applied = approved.every((id) =>
        rows.some((row) => row.changeRequest === String(id) && row.applied.startsWith('Applied'))
      )
      return applied ? rows : undefined
    },
    { timeoutMs: 30_000 }
  )
  await shoot(page, 'history.png')
}

/** Someone from the site's directory to add a connection for. */
async function firstContactName(desk: Desk): Promise<string> {
  const page = (await desk.sim.getJson('individuals?q=%25&pageSize=1')) as {
    Page?: Array<{ LastName?: unknown }>
  }
  const lastName = page.Page?.[0]?.LastName
  if (typeof lastName !== 'string') {
    throw new HarnessError('The practice site listed no individual to add a connection for')
  }
  return lastName
}

async function shoot(page: Page, name: string): Promise<void> {
  // Fonts loaded, caret hidden, animations stopped: the picture is of a settled screen.
  await page.evaluate(async () => {
    await (globalThis as unknown as PageFonts).document.fonts.ready
  })
  await page.screenshot({ path: join(SCREENS_DIR, name), animations: 'disabled', caret: 'hide' })
  console.info(`wrote docs/screens/${name}`)
}

/** What shoot() reads of the page (the Node project has no DOM types). */
interface PageFonts {
  document: { fonts: { ready: Promise<unknown> } }
}

main().catch((error: unknown) => {
  console.error(error)
  process.exitCode = 1
})
