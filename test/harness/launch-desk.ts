import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright'
import type { AcsNetworkOptions } from '../../src/main/api/http'
import type { EventChannelName } from '../../src/shared/bridge/channel-names'
import type { EventOf } from '../../src/shared/bridge/channels'
import { RESULT_BACKUP_FILE } from '../../src/main/result-backup-file'
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../setup/chromium'
import { findBrowserProcess, killBrowserProcess } from './browser-process'
import { throttlePageCpu } from './cpu-throttle'
import { rendererDir } from './build-renderer'
import { createDeskServices, type DeskServices } from './desk-services'
import { HarnessError } from './harness-error'
import {
  createHarnessSite,
  type FaultBody,
  type HarnessSite,
  type HarnessSiteRuns
} from './harness-site'
import { createMemoryKeychain, type MemoryKeychain } from './memory-keychain'
import { guardNavigation } from './navigation-guard'
import { installPageBridge, type PageBridge } from './page-bridge'
import { createPageRecords, recordPages, type PageRecords } from './page-records'
import { startRendererServer, type RendererServer } from './renderer-server'

export interface LaunchDeskOptions {
  /** The practice site's church (default 1). */
  seed?: number
  /** People in the practice site's directory (default 2,000; fewer start faster). */
  people?: number
  /** Fault settings for the practice site, as `POST /_sim/faults` takes them. */
  faults?: FaultBody
  /** A Chromium profile to use and keep; default a new temp folder, removed by close(). */
  profileDir?: string
  /** The practice site's state file; default `practice-site.json` in the profile folder. */
  statePath?: string
  /**
   * Start the app's practice site as each run begins (default true), as the app has it
   * running after a practice sign-in: tests that sign in to it through the church form, or
   * read `desk.sim` first, need it. With false only the app starts it (a practice sign-in,
   * or the first send or lookup of a kept one), so a test can see that it does.
   */
  practiceSiteAtLaunch?: boolean
  /** The built renderer; default the one this test run's global setup built. */
  rendererDir?: string
  /** The API client's trust store and proxy settings, as index.ts hands them over. */
  network?: AcsNetworkOptions
  /** The ApplicationId the app is "built" with (MAIN_VITE_ACS_APPLICATION_ID); none by default. */
  applicationId?: string
}

/**
 * The whole app without Electron: the real renderer in Chromium, the real main-process
 * services in this Node process, joined by the real bridge handlers. Read `page`,
 * `context` and `services` afresh after relaunch(): each run has its own.
 */
export interface Desk extends PageRecords {
  readonly page: Page
  readonly context: BrowserContext
  readonly services: DeskServices
  sim: HarnessSite
  profileDir: string
  /** `http://127.0.0.1:PORT`: the page's origin, kept across relaunches (so is IndexedDB). */
  appOrigin: string
  /** The keychain and settings store, kept across relaunches as the OS keeps them. */
  keychain: MemoryKeychain
  /** What the main process logged (API requests, vault warnings, lost notices). */
  mainLog: string[]
  /** Links the page had the main process open in the system browser. */
  openedLinks: string[]
  /** Pushes a notice to every page, as the main process does. */
  emit<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
  isOnline(): boolean
  /**
   * Offline: the browser is offline (navigator.onLine, no requests), the scheduler is told,
   * and the network gate in front of the practice site closes, so the app's requests fail
   * with ECONNREFUSED before a byte is sent. Online undoes all three; the scheduler then
   * wakes the page. The state holds across relaunches.
   */
  setOnline(online: boolean): Promise<void>
  /** Quits the app (browser and main services) and starts it again on the same profile. */
  relaunch(): Promise<void>
  /** SIGKILLs the browser, as a crash would; its main services stop waking it. */
  kill(): Promise<void>
  /** Stops everything; removes the profile unless the caller gave it. */
  close(): Promise<void>
}

interface Run {
  context: BrowserContext
  page: Page
  services: DeskServices
  bridge: PageBridge
  closed: Promise<void>
  killed: boolean
}

export async function launchDesk(options: LaunchDeskOptions = {}): Promise<Desk> {
  const cleanups: Array<() => Promise<void>> = []
  try {
    const renderer = await startRendererServer(options.rendererDir ?? rendererDir())
    cleanups.push(() => renderer.close())
    const runs = createHarnessSite(options.faults ? { faults: options.faults } : {})
    cleanups.push(() => runs.close())
    const profileDir =
      options.profileDir ?? (await mkdtemp(join(tmpdir(), 'connections-desk-profile-')))
    if (!options.profileDir) cleanups.push(() => rm(profileDir, { recursive: true, force: true }))
    return await assembleDesk({
      renderer,
      runs,
      profileDir,
      practiceSite: {
        // Where index.ts keeps it: Electron's userData folder is Chromium's profile folder.
        statePath: options.statePath ?? join(profileDir, 'practice-site.json'),
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.people === undefined ? {} : { people: options.people })
      },
      practiceSiteAtLaunch: options.practiceSiteAtLaunch ?? true,
      cleanups,
      network: options.network ?? {},
      ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId })
    })
  } catch (error) {
    await runCleanups(cleanups.reverse())
    throw error
  }
}

interface Parts {
  renderer: RendererServer
  runs: HarnessSiteRuns
  profileDir: string
  practiceSite: { statePath: string; seed?: number; people?: number }
  practiceSiteAtLaunch: boolean
  /** What close() undoes after the browser, in the order they were started. */
  cleanups: Array<() => Promise<void>>
  network: AcsNetworkOptions
  applicationId?: string
}

async function assembleDesk(parts: Parts): Promise<Desk> {
  const { renderer, runs, profileDir } = parts
  const sim = runs.site
  const keychain = createMemoryKeychain()
  const records = createPageRecords()
  const mainLog: string[] = []
  const openedLinks: string[] = []
  const logger = {
    info: (message: string) => mainLog.push(`info: ${message}`),
    warn: (message: string) => mainLog.push(`warn: ${message}`)
  }
  let online = true
  let closing: Promise<void> | undefined

  async function startRun(): Promise<Run> {
    let bridge: PageBridge | undefined
    const relay = await runs.openRun(online)
    const services = createDeskServices({
      keychain,
      practiceSite: { ...parts.practiceSite, relay },
      resultBackupPath: join(profileDir, RESULT_BACKUP_FILE),
      broadcast: (channel, payload) => {
        try {
          bridge?.send(channel, payload)
        } catch (error) {
          // As index.ts: a notice that breaks its own schema is a main-process bug.
          console.error(`Could not send ${channel} to the page`, error)
        }
      },
      openedLinks,
      logger,
      network: parts.network,
      ...(parts.applicationId === undefined ? {} : { applicationId: parts.applicationId })
    })
    services.scheduler.setOnline(online)
    let context: BrowserContext
    try {
      if (parts.practiceSiteAtLaunch) await services.practiceSite.start()
      const executablePath = chromiumExecutablePath()
      context = await chromium.launchPersistentContext(profileDir, {
        ...(executablePath ? { executablePath } : {}),
        args: CHROMIUM_ARGS,
        headless: true,
        offline: !online
      })
    } catch (error) {
      await abandon(services)
      throw error
    }
    const closed = new Promise<void>((resolve) => context.once('close', () => resolve()))
    try {
      recordPages(context, records)
      bridge = await installPageBridge(context, {
        handler: services.handler,
        appOrigin: renderer.origin,
        records,
        warn: logger.warn
      })
      await guardNavigation(context, {
        appOrigin: renderer.origin,
        serveApp: (route) => renderer.fulfill(route),
        externalLinks: services.externalLinks,
        warn: logger.warn
      })
      const page = context.pages()[0] ?? (await context.newPage())
      await throttlePageCpu(page)
      // As index.ts on did-finish-load: each load of the window wakes delivery.
      page.on('load', () => services.scheduler.start())
      await page.goto(renderer.entryUrl, { waitUntil: 'load' })
      return { context, page, services, bridge, closed, killed: false }
    } catch (error) {
      await Promise.allSettled([context.close(), abandon(services)])
      throw error
    }
  }

  /** A run that failed to start: its own failure is what the caller sees; these are logged. */
  async function abandon(services: DeskServices): Promise<void> {
    for (const step of [() => services.stop(), () => runs.endRun()]) {
      await step().catch((error: unknown) => console.error('Harness cleanup failed', error))
    }
  }

  /**
   * The app quits: the browser closes (flushing its storage) while the services stop (the
   * practice site saving its state file), then the run's network gate goes.
   */
  async function endRun(ending: Run): Promise<void> {
    const results = await Promise.allSettled([
      ending.killed ? ending.closed : ending.context.close(),
      ending.services.stop()
    ])
    results.push(...(await Promise.allSettled([runs.endRun()])))
    throwFailures(results, 'The desk did not shut down cleanly')
  }

  let run: Run | undefined = await startRun()

  function alive(): Run {
    if (closing) throw new HarnessError('This desk was closed; launch a new one')
    if (!run) throw new HarnessError('The last relaunch failed; close this desk')
    return run
  }

  return {
    get page() {
      return alive().page
    },
    get context() {
      return alive().context
    },
    get services() {
      return alive().services
    },
    sim,
    profileDir,
    appOrigin: renderer.origin,
    keychain,
    mainLog,
    openedLinks,
    ...records,
    emit(channel, payload) {
      alive().bridge.send(channel, payload)
    },
    isOnline: () => online,
    async setOnline(wanted) {
      const current = alive()
      if (wanted === online) return
      online = wanted
      if (!wanted) {
        if (!current.killed) await current.context.setOffline(true)
        await sim.gate.setOpen(false)
        current.services.scheduler.setOnline(false)
        return
      }
      await sim.gate.setOpen(true)
      if (!current.killed) await current.context.setOffline(false)
      current.services.scheduler.setOnline(true)
    },
    async relaunch() {
      const ending = alive()
      // Whatever happens next, this run is over: close() must not end it twice.
      run = undefined
      await endRun(ending)
      run = await startRun()
    },
    async kill() {
      const current = alive()
      if (current.killed) throw new HarnessError('The browser was already killed; relaunch first')
      killBrowserProcess(findBrowserProcess(profileDir))
      await current.closed
      current.killed = true
      // The window is gone: the scheduler must not try to wake it.
      current.services.scheduler.dispose()
    },
    close() {
      closing ??= (async () => {
        const results: PromiseSettledResult<void>[] = run
          ? await Promise.allSettled([endRun(run)])
          : []
        for (const cleanup of [...parts.cleanups].reverse()) {
          results.push(...(await Promise.allSettled([cleanup()])))
        }
        throwFailures(results, 'The desk did not close cleanly')
      })()
      return closing
    }
  }
}

async function runCleanups(cleanups: Array<() => Promise<void>>): Promise<void> {
  for (const cleanup of cleanups) {
    // The launch failure is what the caller needs to see; a cleanup failure is logged.
    await cleanup().catch((error: unknown) => console.error('Harness cleanup failed', error))
  }
}

function throwFailures(results: PromiseSettledResult<unknown>[], message: string): void {
  const failures = results.flatMap((result) =>
    result.status === 'rejected' ? [result.reason as unknown] : []
  )
  if (failures.length > 0) throw new AggregateError(failures, message)
}
