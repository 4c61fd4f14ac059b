import { messageOf } from '../../shared/errors'
import type { UpdateState } from '../../shared/bridge/channels'
import { nextCheckDelay } from './update-schedule'
import { nextRestartStep, type OutboxNow } from './restart-gate'

/** The part of electron-updater's AppUpdater this service drives. */
export interface UpdaterLike {
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  setFeedURL(options: { provider: 'generic'; url: string }): void
  /** With autoDownload, the result carries the background download. */
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
  on(event: 'update-available', listener: (info: { version: string }) => void): unknown
  on(event: 'update-downloaded', listener: (info: { version: string }) => void): unknown
  on(event: 'update-not-available', listener: () => void): unknown
  on(event: 'error', listener: (error: Error) => void): unknown
}

export interface UpdateClock {
  now(): number
  setTimeout(callback: () => void, delayMs: number): unknown
  clearTimeout(handle: unknown): void
}

export interface UpdateLog {
  info(message: string): void
  warn(message: string): void
  error(message: string): void
}

export interface UpdateServiceOptions {
  /**
   * Loads the updater, at the first check: electron-updater costs a few hundred
   * milliseconds to import, which the start of the app must not pay. null where updates
   * cannot work (a development run, a .deb without a package manager).
   */
  loadUpdater: (() => Promise<UpdaterLike>) | null
  /** The feed (updates/feed-url.ts); null means no automatic updates. */
  feedUrl: string | null
  outbox: {
    now(): OutboxNow
    whenIdle(timeoutMs: number): Promise<boolean>
  }
  /** The quit question for unsent results (window-options.ts); true means go ahead. */
  confirmUnsent(unsentCount: number): Promise<boolean>
  onStateChanged(state: UpdateState): void
  log: UpdateLog
  clock?: UpdateClock
  /** How long a restart waits for a batch to come back and be written. */
  idleTimeoutMs?: number
}

export type RestartResult =
  | { kind: 'restarting' }
  | { kind: 'kept-open' }
  | { kind: 'not-ready'; message: string }
  | { kind: 'busy'; message: string }

export interface UpdateService {
  /** Arms the first check (shortly after start) and the six-hourly ones. */
  start(): void
  /** The computer woke: a check it slept through is made now. */
  onResume(): void
  /** Checks now (the computer woke, or a test): downloads in the background if newer. */
  check(): Promise<void>
  state(): UpdateState
  /** The clerk asked to restart into the downloaded update. */
  restart(): Promise<RestartResult>
  dispose(): void
}

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000

const realClock: UpdateClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

/**
 * Automatic updates from a generic feed: checked at start and every six hours, downloaded
 * in the background, then a calm notice. The app restarts only when the clerk asks, and
 * even then not while results are being sent.
 */
export function createUpdateService(options: UpdateServiceOptions): UpdateService {
  const clock = options.clock ?? realClock
  const { loadUpdater, log } = options
  const enabled = loadUpdater !== null && options.feedUrl !== null
  let current: UpdateState = { status: enabled ? 'idle' : 'off' }
  let lastCheckAt: number | null = null
  let timer: unknown
  let checking: Promise<void> | undefined
  let disposed = false
  /** Set once loaded and pointed at the feed; a failed load is tried again at the next check. */
  let loading: Promise<UpdaterLike> | undefined
  let updater: UpdaterLike | undefined

  function set(next: UpdateState): void {
    current = next
    if (!disposed) options.onStateChanged(next)
  }

  function configured(loaded: UpdaterLike): UpdaterLike {
    loaded.autoDownload = true
    // A downloaded update also goes in when the clerk quits the app the usual way.
    loaded.autoInstallOnAppQuit = true
    loaded.setFeedURL({ provider: 'generic', url: options.feedUrl as string })
    loaded.on('update-available', (info) => {
      log.info(`updates: version ${info.version} is available; downloading in the background`)
      if (current.status !== 'ready') set({ status: 'downloading', version: info.version })
    })
    loaded.on('update-downloaded', (info) => {
      log.info(`updates: version ${info.version} is downloaded and ready`)
      set({ status: 'ready', version: info.version })
    })
    loaded.on('update-not-available', () => {
      if (current.status === 'checking') set({ status: 'idle' })
    })
    loaded.on('error', (error) => {
      // An office offline for the afternoon is not news: the next check tries again.
      log.warn(`updates: the check or download failed (${error.message})`)
      if (current.status !== 'ready') set({ status: 'idle' })
    })
    updater = loaded
    return loaded
  }

  function load(): Promise<UpdaterLike> {
    if (!loadUpdater) return Promise.reject(new Error('updates are off'))
    loading ??= loadUpdater()
      .then(configured)
      .catch((error: unknown) => {
        loading = undefined
        throw error
      })
    return loading
  }

  function arm(): void {
    // Once an update is ready there is nothing more to fetch until the restart.
    if (!enabled || disposed || current.status === 'ready') return
    if (timer !== undefined) clock.clearTimeout(timer)
    timer = clock.setTimeout(
      () => {
        timer = undefined
        void check().finally(arm)
      },
      nextCheckDelay(lastCheckAt, clock.now())
    )
  }

  async function runCheck(): Promise<void> {
    lastCheckAt = clock.now()
    if (current.status === 'idle') set({ status: 'checking' })
    let loaded: UpdaterLike
    try {
      loaded = await load()
    } catch (error) {
      // Not the network: the app itself is broken (a file missing from the install). It is
      // logged as an error, for whoever reads the diagnostics; the next check tries again.
      log.error(`updates: the updater could not be loaded (${messageOf(error)})`)
      if (current.status === 'checking') set({ status: 'idle' })
      return
    }
    try {
      const result = await loaded.checkForUpdates()
      // A failed download is also emitted as 'error' (logged there); the promise itself must
      // not surface as an unhandled rejection.
      result?.downloadPromise?.catch(() => {})
    } catch (error) {
      log.warn(`updates: the check failed (${messageOf(error)})`)
      if (current.status === 'checking') set({ status: 'idle' })
    }
  }

  function check(): Promise<void> {
    if (!enabled || disposed || current.status === 'ready') return Promise.resolve()
    checking ??= runCheck().finally(() => {
      checking = undefined
    })
    return checking
  }

  async function restart(): Promise<RestartResult> {
    let confirmed = false
    for (;;) {
      const step = nextRestartStep(current.status === 'ready', options.outbox.now(), confirmed)
      switch (step.kind) {
        case 'not-ready':
          return { kind: 'not-ready', message: step.message }
        case 'confirm-unsent':
          if (!(await options.confirmUnsent(step.unsentCount))) return { kind: 'kept-open' }
          confirmed = true
          break
        case 'wait-for-outbox': {
          log.info('updates: waiting for the results being sent before restarting')
          const idle = await options.outbox.whenIdle(
            options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS
          )
          if (!idle) {
            return {
              kind: 'busy',
              message:
                'Results are still being sent, so the app did not restart. Try again in a minute.'
            }
          }
          break
        }
        case 'restart':
          log.info(`updates: restarting into version ${current.version ?? '(unknown)'}`)
          updater?.quitAndInstall(true, true)
          return { kind: 'restarting' }
      }
    }
  }

  return {
    start: arm,
    onResume: arm,
    check,
    state: () => current,
    restart,
    dispose() {
      disposed = true
      if (timer !== undefined) clock.clearTimeout(timer)
      timer = undefined
    }
  }
}
