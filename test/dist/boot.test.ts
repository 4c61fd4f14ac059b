import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { APP_ENTRY_URL, APP_SCHEME } from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/session-hardening'
import { appWindowOptions } from '../../src/main/window-options'
import { INVOKE_CHANNEL_NAMES } from '../../src/shared/bridge/channel-names'
import { BUILT_MAIN, PROJECT_ROOT } from './build-app'

/**
 * The proof that the built app boots, without the Electron binary: out/main/index.js runs in
 * Node under a recording stand-in for Electron (test/dist/stand-in/electron.mjs) that throws
 * where Electron would. The driver plays Electron's part (ready, the page loading, a
 * practice sign-in, quit) and reports what the main process did.
 */

interface BootResult {
  scenario: string
  failures: string[]
  steps: string[]
  callsBeforeReady: string[]
  calls: Array<{ name: string; ready: boolean }>
  windowOptions?: ReturnType<typeof appWindowOptions>
  preload?: { path: string; exists: boolean; commonJs: boolean }
  loadedUrl?: string
  page?: { status: number; type: string; csp: string; body: string }
  assets?: Array<{ src: string; status: number; type: string }>
  menuRoles?: string
  protocolSchemes?: string[]
  ipcChannels?: string[]
  updates?: unknown
  errorReport?: unknown
  practice?: { ok: boolean }
  practiceRunning?: boolean
  practiceStoppedAtQuit?: boolean
  log?: string
  windows?: number
  quitRequested?: number
}

const folders: string[] = []

async function boot(scenario: 'main' | 'second-instance'): Promise<BootResult> {
  const folder = await mkdtemp(join(tmpdir(), 'boot-'))
  folders.push(folder)
  const standIn = join(import.meta.dirname, 'stand-in')
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--import',
      join(standIn, 'register.mjs'),
      join(standIn, 'boot-driver.mjs'),
      BUILT_MAIN,
      scenario,
      folder
    ],
    {
      cwd: PROJECT_ROOT,
      // A built app must ignore the dev server's variable, whatever it says.
      env: { ...process.env, ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/not-the-app' },
      timeout: 60_000,
      maxBuffer: 16 * 1024 * 1024
    }
  )
  const line = stdout.split('\n').find((text) => text.startsWith('BOOT-RESULT '))
  if (!line) throw new Error(`The boot driver reported nothing:\n${stdout}`)
  return JSON.parse(line.slice('BOOT-RESULT '.length)) as BootResult
}

let booted: BootResult

beforeAll(async () => {
  booted = await boot('main')
})

afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true })
})

describe('the built main process, booted under a recording Electron', () => {
  it('starts, serves its page, signs in to the practice site and quits without an exception', () => {
    expect(booted.failures).toEqual([])
    expect(booted.steps).toEqual([
      'imported',
      'window loaded',
      'woke the page',
      'practice site started',
      'quit'
    ])
  })

  it('takes the single-instance lock first, and registers app: before ready', () => {
    expect(booted.callsBeforeReady[0]).toBe('app.requestSingleInstanceLock')
    expect(booted.callsBeforeReady).toContain('protocol.registerSchemesAsPrivileged')
    const handle = booted.calls.find((call) => call.name === 'protocol.handle')
    expect(handle?.ready).toBe(true)
    expect(booted.protocolSchemes).toEqual([APP_SCHEME])
  })

  it('gives the window the options window-options.ts says, with an existing CommonJS preload', () => {
    const preload = join(PROJECT_ROOT, 'out/preload/index.cjs')
    expect(booted.preload).toEqual({ path: preload, exists: true, commonJs: true })
    expect(booted.windowOptions).toEqual(appWindowOptions(preload, { development: false }))
    expect(booted.windowOptions?.webPreferences.devTools).toBe(false)
  })

  it('loads app://desk/, never ELECTRON_RENDERER_URL, and its protocol serves the built page', async () => {
    expect(booted.loadedUrl).toBe(APP_ENTRY_URL)
    const built = await readFile(join(PROJECT_ROOT, 'out/renderer/index.html'), 'utf8')
    expect(booted.page).toMatchObject({ status: 200, csp: CONTENT_SECURITY_POLICY, body: built })
    expect(booted.page?.type).toMatch(/^text\/html/)
    expect(booted.assets?.length).toBeGreaterThanOrEqual(2)
    for (const asset of booted.assets ?? []) expect(asset.status, asset.src).toBe(200)
    // Not even read: the variable exists only in development builds.
    const source = await readFile(BUILT_MAIN, 'utf8')
    expect(source).not.toMatch(/env(\.|\[["'])ELECTRON_RENDERER_URL/)
  })

  it('has no DevTools or reload in the built app’s menu', () => {
    expect(booted.menuRoles).toContain('Save Diagnostics…')
    for (const role of ['toggleDevTools', 'reload', 'forceReload']) {
      expect(booted.menuRoles).not.toContain(`"${role}"`)
    }
  })

  it('answers every bridge channel, and reports the page’s errors into the log', () => {
    expect([...(booted.ipcChannels ?? [])].sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort())
    expect(booted.updates).toEqual({ ok: true, result: { status: 'off' } })
    expect(booted.log).toContain('page: error TypeError: boot-check page error')
    expect(booted.log).toMatch(/account \[sign-in check\] → 200/)
  })

  it('stops the practice site on quit', () => {
    expect(booted.practice?.ok).toBe(true)
    expect(booted.practiceRunning).toBe(true)
    expect(booted.practiceStoppedAtQuit).toBe(true)
  })

  it('quits at once as a second instance, touching nothing', async () => {
    const second = await boot('second-instance')
    expect(second.failures).toEqual([])
    expect(second.callsBeforeReady).toEqual(['app.requestSingleInstanceLock', 'app.quit'])
    expect(second.windows).toBe(0)
    expect(second.quitRequested).toBe(1)
  })
})
