import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  net,
  powerMonitor,
  protocol,
  safeStorage,
  session,
  shell
} from 'electron'
import Store from 'electron-store'
import { join } from 'node:path'
import type { EventChannelName } from '../shared/bridge/channel-names'
import type { EventOf } from '../shared/bridge/channels'
import { originOf } from '../shared/bridge/origin'
import { createAcsClient } from './api/acs-client'
import { createAcsApi } from './api/acs-api'
import type { ApiLogger } from './api/api-logger'
import { createAcsHttp } from './api/http'
import {
  APP_ENTRY_URL,
  APP_ORIGIN,
  APP_SCHEME_PRIVILEGES,
  registerAppProtocol
} from './app-protocol'
import { createApplicationIdSetting } from './application-id-setting'
import { createBridgeHandlers } from './bridge-handlers'
import { createCredentialVault } from './credential-vault'
import { createDeliveryScheduler } from './delivery-scheduler'
import { createExternalLinks } from './external-links'
import { registerBridgeIpc, sendBridgeEvent } from './ipc'
import { createPracticeSiteHost } from './practice-site-host'
import { denyAllPermissions, hardenWebContents } from './session-hardening'
import { appWindowOptions, QUIT_ANYWAY, quitConfirmation } from './window-options'

// The thin wiring: every decision lives in the modules imported above, which are tested in
// Node. This file only hands them Electron's objects. It is never run by the tests.

/** How often the OS's online flag is read: Electron's main process has no event for it. */
const ONLINE_POLL_MS = 5_000

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const appOrigin = (devServerUrl && originOf(devServerUrl)) || APP_ORIGIN
const windows = new Set<BrowserWindow>()
const logger: ApiLogger = {
  info: (message) => console.info(message),
  warn: (message) => console.warn(message)
}

// Before ready, or Chromium treats app: as an opaque, insecure scheme.
protocol.registerSchemesAsPrivileged(APP_SCHEME_PRIVILEGES)

if (!app.requestSingleInstanceLock()) {
  // Two instances would send the same outbox twice: the first one keeps it.
  app.quit()
} else {
  app.on('second-instance', () => {
    const [window] = windows
    if (!window) return
    if (window.isMinimized()) window.restore()
    window.show()
    window.focus()
  })
  void app.whenReady().then(start)
}

function start(): void {
  const externalLinks = createExternalLinks((url) => shell.openExternal(url))
  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { appOrigin, externalLinks })
  )
  denyAllPermissions(session.defaultSession)
  registerAppProtocol(protocol, join(import.meta.dirname, '../renderer'))

  const store = new Store<Record<string, unknown>>()
  const applicationId = createApplicationIdSetting({
    store,
    // Read when building (electron-vite); no value is committed to the repository.
    fromBuild: import.meta.env.MAIN_VITE_ACS_APPLICATION_ID
  })
  const vault = createCredentialVault({
    safeStorage,
    store,
    applicationIdSource: () => applicationId.source()
  })
  const http = createAcsHttp({ logger, applicationId: () => applicationId.value() })
  const scheduler = createDeliveryScheduler({
    client: createAcsClient({ http }),
    vault,
    wake: (reason) => broadcast('delivery:wake', { reason }),
    onStateChanged: (state) => broadcast('delivery:state-changed', state),
    logger
  })
  const practiceSite = createPracticeSiteHost({
    statePath: join(app.getPath('userData'), 'practice-site.json')
  })

  registerBridgeIpc({
    ipcMain,
    handler: createBridgeHandlers({
      vault,
      api: createAcsApi({ http }),
      delivery: scheduler,
      practiceSite,
      externalLinks,
      applicationId
    }),
    trustedWebContentsIds: () => [...windows].map((window) => window.webContents.id),
    appOrigin
  })

  scheduler.setOnline(net.isOnline())
  const onlinePoll = setInterval(() => scheduler.setOnline(net.isOnline()), ONLINE_POLL_MS)
  powerMonitor.on('resume', () => scheduler.onResume())

  const window = createWindow(() => scheduler.unsentCount())
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
    void Promise.allSettled([practiceSite.stop(), http.close()]).then((results) => {
      for (const result of results) {
        if (result.status === 'rejected') console.error('Shutdown step failed', result.reason)
      }
      app.quit()
    })
  })
}

function createWindow(unsentCount: () => number): BrowserWindow {
  const window = new BrowserWindow(
    appWindowOptions(join(import.meta.dirname, '../preload/index.cjs'))
  )
  windows.add(window)
  window.on('closed', () => windows.delete(window))
  window.once('ready-to-show', () => window.show())

  let closeConfirmed = false
  window.on('close', (event) => {
    if (closeConfirmed) return
    const question = quitConfirmation(unsentCount())
    if (!question) return
    if (dialog.showMessageBoxSync(window, question) === QUIT_ANYWAY) {
      closeConfirmed = true
      return
    }
    event.preventDefault()
  })

  void window.loadURL(devServerUrl ?? APP_ENTRY_URL)
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
