// Boots the built main (argv[2]) under the recording Electron stand-in and drives it as
// Electron would: import, ready, the window's page loads, a practice sign-in, quit. What
// happened is printed as one `BOOT-RESULT {json}` line for test/dist/boot.test.ts to judge.
// Any startup exception or unhandled rejection ends the run with `failures` filled in.
import { existsSync, readFileSync } from 'node:fs'
import { connect } from 'node:net'
import { pathToFileURL } from 'node:url'
import { standInPaths } from './stand-in-paths.mjs'
import vm from 'node:vm'

const [mainPath, scenario, folder] = process.argv.slice(2)
const failures = []
process.on('uncaughtException', (error) => failures.push(`uncaught: ${error?.stack ?? error}`))
process.on('unhandledRejection', (error) => failures.push(`unhandled: ${error?.stack ?? error}`))

globalThis.__electronStandInConfig = {
  lockGranted: scenario !== 'second-instance',
  paths: standInPaths(folder)
}
const electron = await import('electron')
const { record, becomeReady } = electron
const result = { scenario, failures, steps: [] }
const step = (name) => result.steps.push(name)
const tick = () => new Promise((resolve) => setTimeout(resolve, 0))

async function until(condition, what, ms = 10_000) {
  const deadline = Date.now() + ms
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
}

function isCommonJs(path) {
  // A sandboxed preload is run as a CommonJS function body: ESM syntax would not parse.
  try {
    new vm.Script(
      `(function (exports, require, module, __filename, __dirname) {${readFileSync(path, 'utf8')}\n})`
    )
    return true
  } catch {
    return false
  }
}

async function serve(url) {
  const handler = record.protocolHandlers.get(new URL(url).protocol.slice(0, -1))
  if (!handler) return { status: 'no handler' }
  const response = await handler(new Request(url))
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    csp: response.headers.get('content-security-policy'),
    body: await response.text()
  }
}

function portOpen(port) {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port })
    socket.once('connect', () => {
      socket.destroy()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
  })
}

try {
  await import(pathToFileURL(mainPath).href)
  step('imported')
  result.callsBeforeReady = record.calls.map((entry) => entry.name)

  if (scenario === 'second-instance') {
    await tick()
    becomeReady()
    await tick()
    result.windows = record.windows.length
    result.quitRequested = record.quit.requested
  } else {
    becomeReady()
    await until(() => record.windows.length > 0 && record.windows[0].url, 'the window to load')
    step('window loaded')
    const [window] = record.windows
    result.windowOptions = window.options
    const preload = window.options.webPreferences.preload
    result.preload = {
      path: preload,
      exists: existsSync(preload),
      commonJs: existsSync(preload) && isCommonJs(preload)
    }
    result.loadedUrl = window.url
    const page = await serve(window.url)
    result.page = { status: page.status, type: page.type, csp: page.csp, body: page.body }
    // Every script and stylesheet the page names must be served too.
    result.assets = []
    for (const [, src] of page.body?.matchAll?.(/(?:src|href)="([^"]+)"/g) ?? []) {
      const asset = await serve(new URL(src, window.url).href)
      result.assets.push({ src, status: asset.status, type: asset.type })
    }
    result.menuRoles = JSON.stringify(record.menuTemplate ?? [])
    result.protocolSchemes = [...record.protocolHandlers.keys()]
    result.ipcChannels = [...record.ipcHandlers.keys()]

    // The page finished loading: the main process wakes it to send.
    window.webContents.emit('did-finish-load')
    await until(() => record.sent.some((entry) => entry.channel === 'delivery:wake'), 'a wake')
    step('woke the page')

    const trusted = { sender: { id: window.webContents.id }, senderFrame: { url: window.url } }
    const invoke = (channel, payload) => record.ipcHandlers.get(channel)(trusted, payload)
    result.updates = await invoke('updates:state', undefined)
    result.errorReport = await invoke('errors:report', {
      kind: 'error',
      name: 'TypeError',
      message: 'boot-check page error'
    })
    const practice = await invoke('practice:start', undefined)
    result.practice = practice
    const port = practice.ok ? Number(new URL(practice.result.status.baseUrl).port) : 0
    result.practiceRunning = port > 0 && (await portOpen(port))
    step('practice site started')

    electron.app.quit()
    await until(() => record.quit.done, 'the app to quit')
    step('quit')
    result.practiceStoppedAtQuit = port > 0 && !(await portOpen(port))
    const logFile = `${folder}/logs/main.log`
    result.log = existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''
  }
} catch (error) {
  failures.push(`startup: ${error?.stack ?? error}`)
}
result.calls = record.calls.map((entry) => ({ name: entry.name, ready: entry.ready }))
process.stdout.write(`\nBOOT-RESULT ${JSON.stringify(result)}\n`)
// The built main may leave timers (the update checks are off here); the result is out.
process.exit(0)
