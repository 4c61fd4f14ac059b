import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from 'playwright'
import type { EventChannelName } from '../../src/shared/bridge/channel-names'
import type { EventOf } from '../../src/shared/bridge/channels'
import { CHROMIUM_ARGS, chromiumExecutablePath } from '../setup/chromium'
import { findBrowserProcess, killBrowserProcess } from './browser-process'
import { rendererDir } from './build-renderer'
import { createDeskServices, type DeskServices } from './desk-services'
import { HarnessError } from './harness-error'
import { startHarnessSite, type FaultBody, type HarnessSite } from './harness-site'
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
  /** The practice site's state file. */
  statePath?: string
  /** The built renderer; default the one this test run's global setup built. */
  rendererDir?: string
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
    const sim = await startHarnessSite({
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.people === undefined ? {} : { people: options.people }),
      ...(options.statePath === undefined ? {} : { statePath: options.statePath })
    })
    cleanups.push(() => sim.close())
    if (options.faults) await sim.setFaults(options.faults)
    const profileDir =
      options.profileDir ?? (await mkdtemp(join(tmpdir(), 'connections-desk-profile-')))
    if (!options.profileDir) cleanups.push(() => rm(profileDir, { recursive: true, force: true }))
    return await assembleDesk({
      renderer,
      sim,
      profileDir,
      cleanups,
      ...(options.applicationId === undefined ? {} : { applicationId: options.applicationId })
    })
  } catch (error) {
    await runCleanups(cleanups.reverse())
    throw error
  }
}

interface Parts {
  renderer: RendererServer
  sim: HarnessSite
  profileDir: string
  /** What close() undoes after the browser, in the order they were started. */
  cleanups: Array<() => Promise<void>>
  applicationId?: string
}

async function assembleDesk(parts: Parts): Promise<Desk> {
  const { renderer, sim, profileDir } = parts
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
    const services = createDeskServices({
      keychain,
      practiceBaseUrl: sim.appBaseUrl,
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
      ...(parts.applicationId === undefined ? {} : { applicationId: parts.applicationId })
    })
    services.scheduler.setOnline(online)
    let context: BrowserContext
    try {
      const executablePath = chromiumExecutablePath()
      context = await chromium.launchPersistentContext(profileDir, {
        ...(executablePath ? { executablePath } : {}),
        args: CHROMIUM_ARGS,
        headless: true,
        offline: !online
      })
    } catch (error) {
      await services.stop()
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
        externalLinks: services.externalLinks,
        warn: logger.warn
      })
      const page = context.pages()[0] ?? (await context.newPage())
      // As index.ts on did-finish-load: each load of the window wakes delivery.
      page.on('load', () => services.scheduler.start())
      await page.goto(renderer.entryUrl, { waitUntil: 'load' })
      return { context, page, services, bridge, closed, killed: false }
    } catch (error) {
      await Promise.allSettled([context.close(), services.stop()])
      throw error
    }
  }

  /** The app quits: the browser closes (flushing its storage), then the services stop. */
  async function endRun(run: Run): Promise<void> {
    const results = await Promise.allSettled([
      run.killed ? run.closed : run.context.close(),
      run.services.stop()
    ])
    throwFailures(results, 'The desk did not shut down cleanly')
  }

  let run = await startRun()

  function alive(): Run {
    if (closing) throw new HarnessError('This desk was closed; launch a new one')
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
      await endRun(alive())
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
        const results = await Promise.allSettled([endRun(run)])
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
