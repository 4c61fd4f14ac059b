import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright'
import { createDeskServices, type DeskServices } from '../test/harness/desk-services'
import { createHarnessSite, type HarnessSite } from '../test/harness/harness-site'
import { createMemoryKeychain } from '../test/harness/memory-keychain'
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../test/setup/chromium'
import { RESULT_BACKUP_FILE } from '../src/main/result-backup-file'
import { failure } from '../src/shared/bridge/envelope'
import { InvalidPayloadError } from '../src/shared/errors'
import { HARNESS_NAMES } from '../test/harness/page-scripts'
import { BenchError } from './bench-error'
import { startBenchServer, type BenchServer } from './bench-server'
import { HARNESS_BINDING } from './contract/desk-bench-api'

/**
 * The app without Electron, for measuring: the browser harness's parts (its practice site
 * behind the network gate, its in-memory keychain, the real main-process services of
 * desk-services.ts and their bridge handlers) in a real Chromium with a profile on disk,
 * but with the bridge carried over same-origin HTTP (bench-server.ts) instead of the
 * harness's Playwright bindings, whose cost per call would swamp what is measured.
 */
/** The bench server's sender id: both transports speak for the one window. */
const HARNESS_SENDER_ID = 1

export interface BenchDesk {
  page: Page
  context: BrowserContext
  services: DeskServices
  sim: HarnessSite
  /** The pages' origin: the bench server. */
  appOrigin: string
  /** What the main process logged. */
  mainLog: string[]
  /** Chromium's profile folder (the IndexedDB files are under it). */
  profileDir: string
  close(): Promise<void>
}

export async function launchBenchDesk(options: {
  rendererDir: string
  people: number
}): Promise<BenchDesk> {
  const cleanups: Array<() => Promise<void>> = []
  // One after another, newest first: the profile is removed only once the browser is gone.
  const cleanUp = async (): Promise<void> => {
    const failures: unknown[] = []
    for (const cleanup of cleanups.splice(0).reverse()) {
      await cleanup().catch((error: unknown) => failures.push(error))
    }
    if (failures.length > 0) {
      throw new AggregateError(failures, 'The bench desk did not close cleanly')
    }
  }
  try {
    const runs = createHarnessSite()
    cleanups.push(() => runs.close())
    const sim = runs.site
    const relay = await runs.openRun(true)
    const mainLog: string[] = []
    const profileDir = await mkdtemp(join(tmpdir(), 'connections-desk-bench-profile-'))
    cleanups.push(() => rm(profileDir, { recursive: true, force: true }))
    // The server needs the services' handler, the services the server's broadcast.
    const late: { server?: BenchServer } = {}
    const services = createDeskServices({
      keychain: createMemoryKeychain(),
      // No state file: writing the log would take the measured time (the app's has one).
      practiceSite: { statePath: undefined, people: options.people, relay },
      // A real file: the app's "Saved" waits for this copy to reach the disk.
      resultBackupPath: join(profileDir, RESULT_BACKUP_FILE),
      broadcast: (channel, payload) => late.server?.broadcast(channel, payload),
      openedLinks: [],
      logger: {
        info: (message) => mainLog.push(`info: ${message}`),
        warn: (message) => mainLog.push(`warn: ${message}`)
      }
    })
    cleanups.push(() => services.stop())
    // Running from the start, as the harness has it: the benchmarks sign in to it as a church.
    await services.practiceSite.start()
    const started = await startBenchServer({
      root: options.rendererDir,
      handler: services.handler,
      siteUrl: sim.url
    })
    late.server = started
    cleanups.push(() => started.close())
    const executablePath = chromiumExecutablePath()
    const context = await chromium.launchPersistentContext(profileDir, {
      ...(executablePath ? { executablePath } : {}),
      args: CHROMIUM_ARGS,
      headless: true
    })
    cleanups.push(() => context.close())
    await context.addInitScript({ content: started.transportScript })
    await exposeHarnessBinding(context, services)
    const page = context.pages()[0] ?? (await context.newPage())
    // As index.ts on did-finish-load: each load of the window wakes delivery.
    page.on('load', () => services.scheduler.start())
    return {
      page,
      context,
      services,
      sim,
      appOrigin: started.origin,
      mainLog,
      profileDir,
      close: cleanUp
    }
  } catch (error) {
    await cleanUp().catch((cleanupError: unknown) => console.error(cleanupError))
    throw error
  }
}

/**
 * The browser harness's transport beside the bench's, for the bridge comparison only: the
 * same Playwright binding test/harness/page-bridge.ts installs, handing requests to the
 * same handlers.
 */
async function exposeHarnessBinding(
  context: BrowserContext,
  services: DeskServices
): Promise<void> {
  if (HARNESS_NAMES.invokeBinding !== HARNESS_BINDING) {
    throw new BenchError('The harness renamed its binding: update HARNESS_BINDING in the contract')
  }
  await context.exposeBinding(HARNESS_BINDING, (_source, channel: unknown, payload: unknown) =>
    typeof channel === 'string'
      ? services.handler(channel, payload, { id: HARNESS_SENDER_ID })
      : failure(new InvalidPayloadError(`A ${typeof channel} is not a channel name`))
  )
}
