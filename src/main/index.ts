import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell,
  webContents
} from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import type { EventChannelName } from '../shared/bridge/channel-names'
import type { EventOf } from '../shared/bridge/channels'
import { createAcsClient } from './api/acs-client'
import { createAcsApi } from './api/acs-api'
import { createAcsHttp } from './api/http'
import { loadTrustStore } from './api/trust-store'
import { APP_SCHEME_PRIVILEGES, registerAppProtocol } from './app-protocol'
import { createApplicationIdSetting } from './application-id-setting'
import { createBridgeHandlers } from './bridge-handlers'
import { createCredentialVault } from './credential-vault'
import { createDeliveryScheduler, type DeliveryScheduler } from './delivery-scheduler'
import { createAttemptJournal, journalingClient } from './diagnostics/attempt-journal'
import { startMainLog, startSupport } from './electron-support'
import { startSheets } from './electron-sheets'
import { createExternalLinks } from './external-links'
import { registerBridgeIpc, sendBridgeEvent } from './ipc'
import { vaultWithLoggedSecrets } from './logging/vault-secrets'
import { createPracticeSiteHost, PRACTICE_APPROVE_AFTER_SECONDS } from './practice-site-host'
import { createQuitGuard, type QuitGuard } from './quit-guard'
import { createResultBackupFile, RESULT_BACKUP_FILE } from './result-backup-file'
import { rendererEntry } from './renderer-entry'
import { denyAllPermissions, hardenWebContents } from './session-hardening'
import { withPracticeSite } from './signed-in-site'
import { watchOutboxActivity } from './updates/outbox-activity'
import { appWindowOptions, QUIT_ANYWAY, quitConfirmation } from './window-options'

// The thin wiring: every decision lives in the modules imported above, which are tested in
// Node. This file only hands them Electron's objects. test/dist/boot.test.ts runs the built
// file under a recording stand-in for Electron that enforces Electron's documented rules.

/** How often the OS's online flag is read: Electron's main process has no event for it. */
const ONLINE_POLL_MS = 5_000

/** Decided at build time: false in every built app, so no variable can point it elsewhere. */
const development = import.meta.env.DEV
const renderer = rendererEntry(development ? process.env['ELECTRON_RENDERER_URL'] : undefined)
const appOrigin = renderer.origin
const windows = new Set<BrowserWindow>()
/** The clerk agreed to close with unsent results (at the window or the update restart). */
let quitConfirmed = false
let quitGuard: QuitGuard | undefined

// First of all: a second instance must not touch anything of the first one's.
if (!app.requestSingleInstanceLock()) {
  // Two instances would send the same outbox twice: the first one keeps it.
  app.quit()
} else {
  // Before ready, or Chromium treats app: as an opaque, insecure scheme.
  protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES)
  app.on('second-instance', () => {
    // A quit waiting for answers to be written is called off: the clerk wants the app.
    quitGuard?.onSecondLaunch()
    const [window] = windows
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  void app.whenReady().then(start)
}

function start(): void {
  const log = startMainLog(development, { app })
  const logger = log.api
  const externalLinks = createExternalLinks((url) => shell.openExternal(url))
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appOrigin, externalLinks })
  )
  denyAllPermissions(session.defaultSession)
  registerAppProtocol(protocol, join(import.meta.dirname, '../renderer'))

  // The practice site keeps its state file in the app's data folder. It starts on the first
  // practice sign-in, or on the first send or lookup of a practice sign-in kept from an
  // earlier run: its address is new at every start, so the vault asks for it each time.
  const practiceSite = createPracticeSiteHost({
    statePath: join(app.getPath('userData'), 'practice-site.json'),
    approveAfterSeconds: PRACTICE_APPROVE_AFTER_SECONDS
  })
  const store = new Store<Record<string, unknown>>()
  const applicationId = createApplicationIdSetting({
    store,
    // Read when building (electron-vite); no value is committed to the repository.
    fromBuild: import.meta.env.MAIN_VITE_ACS_APPLICATION_ID
  })
  const vault = withPracticeSite(
    vaultWithLoggedSecrets(
      createCredentialVault({
        safeStorage,
        store,
        applicationIdSource: () => applicationId.source()
      }),
      (secret) => log.addSecret(secret)
    ),
    practiceSite
  )
  // The system's authorities and proxy, as Chromium uses them: docs/network.md.
  const http = createAcsHttp({
    logger,
    trustedCertificates: () => loadTrustStore(undefined, logger).certificates,
    resolveProxy: (url) => session.defaultSession.resolveProxy(url),
    applicationId: () => {
      // Like a password, the key ACS issued never reaches a log line, whatever carries it.
      const value = applicationId.value()
      if (value !== null) log.addSecret(value)
      return value
    }
  })
  const journal = createAttemptJournal()
  const backup = createResultBackupFile({
    filePath: join(app.getPath('userData'), RESULT_BACKUP_FILE),
    warn: (message) => log.warn(message)
  })
  const scheduler = createDeliveryScheduler({
    client: journalingClient(createAcsClient({ http }), journal),
    vault,
    wake: (reason) => broadcast('delivery:wake', { reason }),
    onStateChanged: (state) => broadcast('delivery:state-changed', state),
    logger
  })
  const activity = watchOutboxActivity(scheduler)
  const support = startSupport(
    {
      log,
      development,
      settings: store,
      activity,
      unsentCount: () => scheduler.unsentCount(),
      journal,
      windows: () => [...windows],
      broadcast,
      quitQuestion: quitConfirmation,
      quitAnyway: QUIT_ANYWAY,
      markQuitConfirmed: () => {
        quitConfirmed = true
      }
    },
    { app, dialog, Menu, BrowserWindow }
  )

  registerBridgeIpc({
    ipcMain,
    handler: createBridgeHandlers({
      vault,
      api: createAcsApi({ http }),
      delivery: activity.service,
      backup,
      practiceSite,
      externalLinks,
      applicationId,
      support: support.service,
      sheets: startSheets(log, { app, BrowserWindow, dialog, webContents })
    }),
    trustedWebContentsIds: () => [...windows].map((window) => window.webContents.id),
    appOrigin
  })

  scheduler.setOnline(net.isOnline())
  const onlinePoll = setInterval(() => scheduler.setOnline(net.isOnline()), ONLINE_POLL_MS)
  powerMonitor.on('resume', () => {
    scheduler.onResume()
    support.onResume()
  })

  const window = createWindow(scheduler)
  window.webContents.on('did-finish-load', () => scheduler.start())

  app.on('window-all-closed', () => app.quit())

  let shutDown = false
  app.on('will-quit', (event) => {
    if (shutDown) return
    // The practice site writes its state file; let it finish before the process ends.
    event.preventDefault()
    shutDown = true
    clearInterval(onlinePoll)
    scheduler.dispose()
    support.dispose()
    void Promise.allSettled([practiceSite.stop(), http.close()]).then((results) => {
      for (const result of results) {
        if (result.status === 'rejected') log.error('Shutdown step failed', result.reason)
      }
      app.quit()
    })
  })
}

function createWindow(scheduler: DeliveryScheduler): BrowserWindow {
  const window = new BrowserWindow(
    appWindowOptions(join(import.meta.dirname, '../preload/index.cjs'), { development })
  )
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  window.once('ready-to-show', () => window.show())

  const guard = createQuitGuard({
    delivery: scheduler,
    confirmClose: () => {
      if (quitConfirmed) return true
      const question = quitConfirmation(scheduler.unsentCount())
      return !question || dialog.showMessageBoxSync(window, question) === QUIT_ANYWAY
    }
  })
  quitGuard = guard
  window.on('close', (event) => {
    // The decisions live in quit-guard.ts; here they are only carried out.
    const decision = guard.onClose(() => window.close())
    if (decision === 'close') return
    event.preventDefault()
    if (decision === 'wait') window.hide()
  })

  void window.loadURL(renderer.url)
  return window
}

function broadcast<E extends EventChannelName>(channel: E, payload: EventOf<E>): void {
  for (const window of windows) {
    try {
      sendBridgeEvent(window.webContents, channel, payload)
    } catch (error) {
      // An event that breaks its own schema is a bug in the main process: say so loudly.
      console.error(`Could not send ${channel} to the page`, error)
    }
  }
}
