import { vi } from 'vitest'

// The Electron binary is never present in tests: any import of 'electron' gets this
// inert stand-in, so a test that reaches real Electron wiring fails loudly instead.
vi.mock('electron', () => {
  const unavailable = (name: string) => () => {
    throw new Error(`electron.${name} is not available in tests; pass a fake service instead`)
  }
  return {
    app: { whenReady: unavailable('app.whenReady'), on: vi.fn(), quit: vi.fn() },
    BrowserWindow: vi.fn(),
    ipcMain: { handle: vi.fn(), removeHandler: vi.fn() },
    contextBridge: { exposeInMainWorld: vi.fn() },
    ipcRenderer: {
      invoke: unavailable('ipcRenderer.invoke'),
      on: vi.fn(),
      removeListener: vi.fn()
    },
    safeStorage: {
      isEncryptionAvailable: () => false,
      encryptString: unavailable('safeStorage.encryptString'),
      decryptString: unavailable('safeStorage.decryptString')
    },
    shell: { openExternal: unavailable('shell.openExternal') },
    net: { fetch: unavailable('net.fetch') },
    powerMonitor: { on: vi.fn() },
    protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() },
    session: { defaultSession: {} }
  }
})
