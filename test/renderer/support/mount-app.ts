import App from '$renderer/app.svelte'
import { AppState } from '$renderer/app-state.svelte'
import { Clock } from '$renderer/state/clock.svelte'
import type { FormComponents } from '$renderer/components/shell/form-components'
import type { CredentialStatus } from '$shared/bridge/channels'
import { openSiteStates } from '$renderer/state/site-states'
import { FakeDesk, type FakeDeskData } from './fake-desk'
import { mountComponent, onCleanUp, testRegistry } from './screen-helpers'
import { until } from './until'
import { STUB_FORMS } from './stub-forms'
import { practiceChurch } from './practice-church'

export interface LaunchOptions {
  data?: FakeDeskData
  status?: Partial<CredentialStatus>
  forms?: FormComponents
  /** Opening a site waits for this first: a slow disk, for what happens meanwhile. */
  openingHeldBy?: Promise<void>
}

/** The practice site key leaves the port out, so each test's own site number keeps its database apart. */
function practiceSiteNumber(): number {
  return 20_000 + ((crypto.getRandomValues(new Uint16Array(1))[0] ?? 0) % 40_000)
}

/**
 * The whole renderer as main.ts builds it, on a fake bridge: App with its AppState, a
 * registry and databases of the test's own, and stand-in forms unless real ones are given.
 */
export async function launchApp(options: LaunchOptions = {}) {
  const desk = new FakeDesk(options.data ?? practiceChurch())
  const siteNumber = practiceSiteNumber()
  desk.status = { ...desk.status, ...options.status }
  desk.practiceSite = { ...desk.practiceSite, siteNumber }
  const registry = testRegistry()
  const held = options.openingHeldBy
  const app = new AppState({
    desk,
    registry,
    clock: new Clock(Date.now, 60_000),
    ...(held
      ? {
          openSite: async (siteKey: string) =>
            held.then(() => openSiteStates(desk, siteKey, registry))
        }
      : {})
  })
  onCleanUp(async () => {
    // A download still running when the database closes would fail after the test.
    for (let round = 0; round < 200 && app.site?.reference.refreshing; round++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    app.stop()
  })
  const container = mountComponent(App, { app, forms: options.forms ?? STUB_FORMS })
  await app.start()
  return { app, desk, container, registry }
}

/** Signs in to the practice site from the first-run screen and waits for its data. */
export async function startPractice(app: AppState): Promise<void> {
  await app.session.startPractice()
  await until(() => app.view === 'desk', 'the practice site to open')
  await until(
    () => (app.site?.connections.totalCount ?? 0) > 0 && !app.site?.reference.refreshing,
    'the reference data to arrive'
  )
}
