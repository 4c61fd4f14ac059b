import type { Desk } from '../launch-desk'
import { DeskPage } from '../page-objects/desk-page'

/** How long the app page may take to open a site's outbox (it downloads reference data too). */
const SITE_OPEN_TIMEOUT_MS = 60_000

/**
 * Signs the desk in to its practice site and has the app's own page pick that up as at a
 * start: reloaded, it opens the site's states and delivers from then on, as in production.
 */
export async function startPracticeDesk(desk: Desk): Promise<DeskPage> {
  const app = new DeskPage(desk.page)
  await app.waitForDeskReady()
  await app.call('practice:start')
  await reopenAppPage(desk)
  return app
}

/**
 * After a sign-in made through the bridge behind the page's back: the page is reloaded and
 * opens the signed-in site as it does at a start.
 */
export async function reopenAppPage(desk: Desk): Promise<void> {
  await desk.page.reload({ waitUntil: 'load' })
  await waitForAppDelivering(desk)
}

/**
 * The shell shows its delivery status bar once the site's states have started: from then
 * on the app page has recovered what a crash left `sending` and listens for wakes.
 */
export async function waitForAppDelivering(desk: Desk): Promise<void> {
  await desk.page
    .getByRole('status', { name: 'Delivery status' })
    .waitFor({ state: 'visible', timeout: SITE_OPEN_TIMEOUT_MS })
}

/** The app page's status bar, for a timeout message. */
export async function appStatusText(desk: Desk): Promise<string> {
  const bar = desk.page.getByRole('status', { name: 'Delivery status' })
  return (await bar.count()) > 0 ? (await bar.innerText()).replace(/\s+/g, ' ') : '(no status bar)'
}
