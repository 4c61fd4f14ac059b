import type { app, BrowserWindow, dialog, Menu } from 'electron'
import { release } from 'node:os'
import type { EventChannelName } from '../shared/bridge/channel-names'
import type { EventOf, RendererError } from '../shared/bridge/channels'
import type { AttemptJournal } from './diagnostics/attempt-journal'
import { createDiagnosticsSaver } from './diagnostics/save-diagnostics'
import { createAppLog, LOG_LEVELS, type AppLog, type LogLevel } from './logging/app-log'
import { routeConsoleToLog } from './logging/route-console'
import { aboutBox, shortcutsBox } from './menu/about-box'
import { appMenuTemplate } from './menu/app-menu'
import type { DeliveryService, SupportService } from './service-contracts'
import { UPDATE_FEED_SETTING, updateFeed } from './updates/feed-url'
import type { OutboxActivity } from './updates/outbox-activity'
import { createUpdateService, type UpdaterLike } from './updates/update-service'
import type { QuitDialog } from './window-options'

/** As the clerk reads it; app.getName() is package.json's name, which also names the data folder. */
const PRODUCT_NAME = 'Connections Desk'

/**
 * The wiring of the app's care of itself (logs, menu, updates, diagnostics) to Electron.
 * Every decision lives in the modules it imports; index.ts calls these two functions and
 * hands in the Electron modules, so that it stays the one file of the main process that
 * imports electron (eslint.config.js enforces that).
 */

/** The parts of Electron this wiring uses. */
export interface SupportElectron {
  app: typeof app
  dialog: typeof dialog
  Menu: typeof Menu
  BrowserWindow: typeof BrowserWindow
}

/** The main log, with the console routed into it. Call once the app is ready. */
export function startMainLog(development: boolean, { app }: Pick<SupportElectron, 'app'>): AppLog {
  const wanted = process.env['CONNECTIONS_DESK_LOG_LEVEL'] as LogLevel | undefined
  const log = createAppLog({
    directory: app.getPath('logs'),
    level: wanted && LOG_LEVELS.includes(wanted) ? wanted : development ? 'debug' : 'info',
    console: development
  })
  routeConsoleToLog(console, log)
  process.on('uncaughtExceptionMonitor', (error) => log.error('Uncaught exception', error))
  log.info(`Connections Desk ${app.getVersion()} starting (${process.platform} ${release()})`)
  return log
}

export interface SupportOptions {
  log: AppLog
  development: boolean
  settings: { get(key: string): unknown; readonly store: unknown }
  activity: Pick<OutboxActivity<DeliveryService>, 'busy' | 'whenIdle'>
  /** The page's last count of unsent results. */
  unsentCount(): number
  journal: AttemptJournal
  windows(): BrowserWindow[]
  broadcast<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
  /** The quit question (window-options.ts) for this many unsent results, or null. */
  quitQuestion(unsentCount: number): QuitDialog | null
  quitAnyway: number
  /** The clerk agreed to close with unsent results: the windows must not ask again. */
  markQuitConfirmed(): void
}

export interface Support {
  service: SupportService
  onResume(): void
  dispose(): void
}

export function startSupport(options: SupportOptions, electron: SupportElectron): Support {
  const { log } = options
  const { app, dialog, Menu, BrowserWindow } = electron
  const focused = (): BrowserWindow | undefined =>
    BrowserWindow.getFocusedWindow() ?? options.windows()[0]

  const feed = updateFeed(
    options.settings.get(UPDATE_FEED_SETTING),
    import.meta.env.MAIN_VITE_UPDATE_FEED_URL
  )
  if (feed.problem) log.warn(`updates: off, ${feed.problem}`)
  const updates = createUpdateService({
    // Only a built app can replace itself; a development run never checks.
    loadUpdater: app.isPackaged && feed.url ? () => loggedUpdater(log) : null,
    feedUrl: feed.url,
    outbox: {
      now: () => ({
        busy: options.activity.busy(),
        unsentCount: options.unsentCount()
      }),
      whenIdle: (timeoutMs) => options.activity.whenIdle(timeoutMs)
    },
    confirmUnsent: async (count) => {
      const question = options.quitQuestion(count)
      if (!question) return true
      const window = focused()
      const { response } = window
        ? await dialog.showMessageBox(window, question)
        : await dialog.showMessageBox(question)
      if (response !== options.quitAnyway) return false
      options.markQuitConfirmed()
      return true
    },
    onStateChanged: (state) => options.broadcast('updates:state-changed', state),
    log
  })

  const saveDiagnostics = createDiagnosticsSaver({
    chooseFile: async (defaultPath) => {
      const window = focused()
      const choice = {
        title: 'Save diagnostics',
        defaultPath,
        filters: [{ name: 'Zip files', extensions: ['zip'] }]
      }
      const result = window
        ? await dialog.showSaveDialog(window, choice)
        : await dialog.showSaveDialog(choice)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    defaultFolder: app.getPath('desktop'),
    facts: () => ({
      app: { name: PRODUCT_NAME, version: app.getVersion(), packaged: app.isPackaged },
      versions: {
        electron: process.versions.electron,
        chrome: process.versions.chrome,
        node: process.versions.node
      },
      os: { platform: process.platform, release: release(), arch: process.arch },
      settings: options.settings.store,
      attempts: options.journal.recent(),
      logFiles: log.files()
    }),
    log
  })

  const showInfo = (box: ReturnType<typeof aboutBox>): void => {
    const window = focused()
    void (window ? dialog.showMessageBox(window, box) : dialog.showMessageBox(box))
  }
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      appMenuTemplate({
        platform: process.platform,
        development: options.development,
        appName: PRODUCT_NAME,
        actions: {
          // The page adds its outbox counts and calls diagnostics:save.
          saveDiagnostics: () => options.broadcast('diagnostics:requested', {}),
          showAbout: () =>
            showInfo(
              aboutBox({
                name: PRODUCT_NAME,
                version: app.getVersion(),
                electron: process.versions.electron ?? '',
                chrome: process.versions.chrome ?? '',
                node: process.versions.node,
                os: `${process.platform} ${release()} (${process.arch})`
              })
            ),
          showShortcuts: () => showInfo(shortcutsBox(PRODUCT_NAME))
        }
      })
    )
  )

  updates.start()
  return {
    service: {
      updateState: () => updates.state(),
      restartForUpdate: () => updates.restart(),
      saveDiagnostics,
      reportRendererError: (error: RendererError) => log.error(describePageError(error))
    },
    onResume: () => updates.onResume(),
    dispose: () => updates.dispose()
  }
}

function describePageError(error: RendererError): string {
  const where = error.source ? ` at ${error.source}` : ''
  const stack = error.stack ? `\n${error.stack}` : ''
  return `page: ${error.kind} ${error.name}: ${error.message}${where}${stack}`
}

/**
 * electron-updater's platform updater, writing into the app's log. Imported at the first
 * check, not at start: it is the heaviest module of the main process (bench/RESULTS.md).
 */
async function loggedUpdater(log: AppLog): Promise<UpdaterLike> {
  const { default: electronUpdater } = await import('electron-updater')
  const { autoUpdater } = electronUpdater
  autoUpdater.logger = {
    info: (message?: unknown) => log.info(`updater: ${String(message)}`),
    warn: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    error: (message?: unknown) => log.warn(`updater: ${String(message)}`),
    debug: (message: string) => log.debug(`updater: ${message}`)
  }
  return autoUpdater as UpdaterLike
}
