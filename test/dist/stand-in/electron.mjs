// A recording stand-in for Electron's main-process API, for the boot check
// (test/dist/boot.test.ts). It records every call the built main makes and enforces
// Electron's documented rules, throwing where Electron throws, so a wiring mistake fails
// the boot as it would fail on a clerk's desktop:
// - protocol.registerSchemesAsPrivileged only before ready, and only once;
// - protocol.handle, BrowserWindow, session.defaultSession, dialog and Menu only after ready;
// - ipcMain.handle at most once per channel;
// - webContents.send never to a destroyed window.
// The single-instance lock's place among the calls is recorded for the test to judge.
import { EventEmitter } from 'node:events'

export const record = {
  calls: [],
  windows: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  menuTemplate: null,
  sent: [],
  dialogs: [],
  quit: { requested: 0, done: false }
}
globalThis.__electronStandIn = record

const config = globalThis.__electronStandInConfig ?? { lockGranted: true, paths: {} }
let ready = false
let resolveReady
const readyPromise = new Promise((resolve) => (resolveReady = resolve))

function call(name, ...args) {
  record.calls.push({ name, ready, args })
}

function requireReady(name) {
  if (!ready) throw new Error(`${name} cannot be used before the app is ready`)
}

class App extends EventEmitter {
  constructor() {
    super()
    this.isPackaged = false
    this.commandLine = { appendSwitch: () => {}, hasSwitch: () => false }
  }
  whenReady() {
    call('app.whenReady')
    return readyPromise
  }
  isReady() {
    return ready
  }
  requestSingleInstanceLock() {
    call('app.requestSingleInstanceLock')
    return config.lockGranted
  }
  getPath(name) {
    const path = config.paths[name]
    if (!path) throw new Error(`app.getPath('${name}') has no folder in the stand-in`)
    return path
  }
  getName() {
    return 'Connections Desk'
  }
  getVersion() {
    return '0.1.0'
  }
  getLocale() {
    return 'en-US'
  }
  quit() {
    call('app.quit')
    record.quit.requested++
    // As Electron: before-quit, then every window is asked to close; a window that
    // prevents it cancels the quit; then will-quit (preventable), then quit.
    queueMicrotask(() => runQuit())
  }
  exit(code) {
    call('app.exit', code)
    record.quit.done = true
  }
  relaunch() {
    call('app.relaunch')
  }
  focus() {}
  setAboutPanelOptions() {}
}

function preventable() {
  let prevented = false
  return {
    event: {
      preventDefault: () => {
        prevented = true
      }
    },
    prevented: () => prevented
  }
}

let quitting = false
function runQuit() {
  if (quitting || record.quit.done) return
  quitting = true
  try {
    const before = preventable()
    app.emit('before-quit', before.event)
    if (before.prevented()) return
    for (const window of [...record.windows]) {
      if (window.isDestroyed()) continue
      window.close()
      if (!window.isDestroyed()) return
    }
    const willQuit = preventable()
    app.emit('will-quit', willQuit.event)
    if (willQuit.prevented()) return
    record.quit.done = true
    app.emit('quit', {}, 0)
  } finally {
    quitting = false
  }
}

export const app = new App()

/** The driver calls this: Electron's 'ready'. */
export function becomeReady() {
  ready = true
  app.emit('ready')
  resolveReady()
}

let nextContentsId = 1
class WebContents extends EventEmitter {
  constructor(window) {
    super()
    this.id = nextContentsId++
    this.window = window
    this.openHandler = null
  }
  isDestroyed() {
    return this.window.isDestroyed()
  }
  send(channel, payload) {
    if (this.isDestroyed()) throw new Error('Object has been destroyed')
    record.sent.push({ channel, payload })
  }
  setWindowOpenHandler(handler) {
    this.openHandler = handler
  }
  getURL() {
    return this.window.url ?? ''
  }
}

export class BrowserWindow extends EventEmitter {
  static getFocusedWindow() {
    return record.windows.find((window) => !window.isDestroyed()) ?? null
  }
  static getAllWindows() {
    return record.windows.filter((window) => !window.isDestroyed())
  }
  constructor(options) {
    requireReady('BrowserWindow')
    super()
    call('new BrowserWindow', options)
    this.options = options
    this.destroyed = false
    this.url = null
    this.webContents = new WebContents(this)
    record.windows.push(this)
    app.emit('web-contents-created', {}, this.webContents)
  }
  loadURL(url) {
    call('window.loadURL', url)
    this.url = url
    return Promise.resolve()
  }
  isDestroyed() {
    return this.destroyed
  }
  isMinimized() {
    return false
  }
  restore() {}
  show() {
    call('window.show')
  }
  hide() {
    call('window.hide')
  }
  focus() {}
  close() {
    if (this.destroyed) return
    const closing = preventable()
    this.emit('close', closing.event)
    if (closing.prevented()) return
    this.destroy()
  }
  destroy() {
    if (this.destroyed) return
    this.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}

let schemesRegistered = false
export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    call('protocol.registerSchemesAsPrivileged', schemes)
    if (ready)
      throw new Error('registerSchemesAsPrivileged can only be called before the app is ready')
    if (schemesRegistered) throw new Error('registerSchemesAsPrivileged can only be called once')
    schemesRegistered = true
  },
  handle(scheme, handler) {
    call('protocol.handle', scheme)
    requireReady('protocol.handle')
    if (record.protocolHandlers.has(scheme)) throw new Error(`${scheme} is already handled`)
    record.protocolHandlers.set(scheme, handler)
  },
  unhandle(scheme) {
    record.protocolHandlers.delete(scheme)
  }
}

export const ipcMain = {
  handle(channel, listener) {
    if (record.ipcHandlers.has(channel)) {
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    }
    record.ipcHandlers.set(channel, listener)
  },
  removeHandler(channel) {
    record.ipcHandlers.delete(channel)
  },
  on() {},
  once() {},
  removeListener() {}
}

const defaultSession = {
  setPermissionRequestHandler: (handler) => call('session.setPermissionRequestHandler', handler),
  setPermissionCheckHandler: (handler) => call('session.setPermissionCheckHandler', handler),
  setDevicePermissionHandler: (handler) => call('session.setDevicePermissionHandler', handler)
}
export const session = {
  get defaultSession() {
    requireReady('session.defaultSession')
    return defaultSession
  },
  fromPartition: () => defaultSession
}

export const safeStorage = {
  isEncryptionAvailable: () => false,
  getSelectedStorageBackend: () => 'basic_text',
  encryptString: () => {
    throw new Error('Encryption is not available')
  },
  decryptString: () => {
    throw new Error('Encryption is not available')
  }
}

export const net = {
  isOnline: () => true,
  fetch: () => Promise.reject(new Error('net.fetch is not part of the boot check'))
}

export const powerMonitor = new EventEmitter()

export const shell = {
  openExternal: async (url) => call('shell.openExternal', url),
  openPath: async () => ''
}

export const dialog = {
  showMessageBoxSync(...args) {
    requireReady('dialog')
    record.dialogs.push(args.at(-1))
    return 0
  },
  async showMessageBox(...args) {
    requireReady('dialog')
    record.dialogs.push(args.at(-1))
    return { response: 0, checkboxChecked: false }
  },
  async showSaveDialog(...args) {
    requireReady('dialog')
    record.dialogs.push(args.at(-1))
    return { canceled: true }
  }
}

export const Menu = {
  buildFromTemplate(template) {
    requireReady('Menu.buildFromTemplate')
    return { template }
  },
  setApplicationMenu(menu) {
    call('Menu.setApplicationMenu')
    record.menuTemplate = menu?.template ?? null
  }
}

// Electron's webContents module: fromId finds a live window's contents, as the call sheets'
// "Save as PDF" looks up the page that asked.
export const webContents = {
  fromId(id) {
    const window = record.windows.find((each) => !each.isDestroyed() && each.webContents.id === id)
    return window?.webContents
  }
}
export const contextBridge = { exposeInMainWorld: () => {} }
export const ipcRenderer = { invoke: async () => undefined, on: () => {}, removeListener: () => {} }
export const autoUpdater = new EventEmitter()
export class Notification extends EventEmitter {
  show() {}
}

export default {
  app,
  BrowserWindow,
  protocol,
  ipcMain,
  session,
  safeStorage,
  net,
  powerMonitor,
  shell,
  dialog,
  Menu,
  webContents,
  contextBridge,
  ipcRenderer,
  autoUpdater,
  Notification
}
