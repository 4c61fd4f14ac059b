import { createHash, randomBytes } from 'node:crypto'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AppImageUpdater } from 'electron-updater'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { updateFeed } from '$main/updates/feed-url'
import { createUpdateService, type UpdaterLike } from '$main/updates/update-service'
import type { UpdateState } from '$shared/bridge/channels'
import { NodeHttpExecutor } from '../support/node-http-executor'

/**
 * The parts of updating that run without Electron, for real: electron-updater's Linux
 * updater reads a generic feed served on 127.0.0.1, compares versions, downloads the new
 * AppImage in the background and checks its sha512; the update service turns that into the
 * "ready" notice. Only quitAndInstall (which replaces the running app) is not run.
 */

const INSTALLED = '0.1.0'
const NEWER = '0.2.0'
const APP_FILE = `Connections-Desk-${NEWER}.AppImage`

let folder: string
let server: Server | undefined
let requests: string[]
let savedAppImage: string | undefined

interface Release {
  version: string
  bytes: Buffer
  /** Announce this checksum instead of the file's real one. */
  sha512?: string
}

async function serveFeed(release: Release): Promise<string> {
  const sha512 = release.sha512 ?? createHash('sha512').update(release.bytes).digest('base64')
  const manifest = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${APP_FILE}`,
    `    sha512: ${sha512}`,
    `    size: ${release.bytes.length}`,
    `path: ${APP_FILE}`,
    `sha512: ${sha512}`,
    "releaseDate: '2025-03-14T09:00:00.000Z'",
    ''
  ].join('\n')
  server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname
    requests.push(path)
    if (/^\/feed\/latest(-linux|-mac)?\.yml$/.test(path)) {
      response.writeHead(200, { 'content-type': 'text/yaml' }).end(manifest)
    } else if (path === `/feed/${APP_FILE}`) {
      response
        .writeHead(200, {
          'content-type': 'application/octet-stream',
          'content-length': release.bytes.length
        })
        .end(release.bytes)
    } else {
      response.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return `http://127.0.0.1:${port}/feed`
}

function appAdapter(): AppAdapter {
  return {
    version: INSTALLED,
    name: 'connections-desk',
    isPackaged: true,
    appUpdateConfigPath: join(folder, 'resources', 'app-update.yml'),
    userDataPath: join(folder, 'user-data'),
    baseCachePath: join(folder, 'cache'),
    whenReady: async () => {},
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {}
  }
}

/** The real updater, with Node's http in place of Electron's net. */
function realUpdater(): AppImageUpdater & UpdaterLike {
  const updater = new AppImageUpdater(null, appAdapter())
  ;(updater as unknown as { httpExecutor: NodeHttpExecutor }).httpExecutor = new NodeHttpExecutor()
  updater.logger = null
  updater.disableDifferentialDownload = true
  updater.quitAndInstall = vi.fn()
  return updater as AppImageUpdater & UpdaterLike
}

async function checkWithService(feedSetting: string) {
  const updater = realUpdater()
  const states: UpdateState[] = []
  const warnings: string[] = []
  const service = createUpdateService({
    loadUpdater: async () => updater,
    feedUrl: updateFeed(feedSetting).url,
    outbox: { now: () => ({ busy: false, unsentCount: 0 }), whenIdle: async () => true },
    confirmUnsent: async () => true,
    onStateChanged: (state) => states.push(state),
    log: {
      info: () => {},
      warn: (line) => warnings.push(line),
      error: (line) => warnings.push(line)
    }
  })
  const downloaded = new Promise<void>((resolve) =>
    updater.once('update-downloaded', () => resolve())
  )
  await service.check()
  return { updater, service, states, warnings, downloaded }
}

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'update-feed-'))
  requests = []
  await mkdir(join(folder, 'resources'), { recursive: true })
  // As electron-builder writes it into the packaged app's resources.
  await writeFile(
    join(folder, 'resources', 'app-update.yml'),
    'provider: generic\nurl: https://updates.invalid/connections-desk\nupdaterCacheDirName: connections-desk-updater\n'
  )
  const installed = join(folder, `Connections-Desk-${INSTALLED}.AppImage`)
  await writeFile(installed, randomBytes(1024))
  savedAppImage = process.env['APPIMAGE']
  process.env['APPIMAGE'] = installed
})

afterEach(async () => {
  if (savedAppImage === undefined) delete process.env['APPIMAGE']
  else process.env['APPIMAGE'] = savedAppImage
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()))
  server = undefined
  await rm(folder, { recursive: true, force: true })
})

describe('updates from a generic feed on 127.0.0.1', () => {
  it('finds a newer version, downloads it in the background, and says it is ready', async () => {
    const bytes = randomBytes(256 * 1024)
    const feed = await serveFeed({ version: NEWER, bytes })
    const { service, states, downloaded, updater } = await checkWithService(feed)
    await downloaded
    await vi.waitFor(() => expect(service.state()).toEqual({ status: 'ready', version: NEWER }))
    expect(states.map((state) => state.status)).toEqual(['checking', 'downloading', 'ready'])
    expect(requests).toContain(`/feed/${APP_FILE}`)
    const pending = join(folder, 'cache', 'connections-desk-updater', 'pending')
    expect(await readdir(pending)).toContain(APP_FILE)
    // Nothing restarted on its own.
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
    expect(await service.restart()).toEqual({ kind: 'restarting' })
    expect(updater.quitAndInstall).toHaveBeenCalledWith(true, true)
  })

  it('downloads nothing when the feed has the installed version', async () => {
    const feed = await serveFeed({ version: INSTALLED, bytes: randomBytes(1024) })
    const { service } = await checkWithService(feed)
    expect(service.state()).toEqual({ status: 'idle' })
    expect(requests.some((path) => path.endsWith('.AppImage'))).toBe(false)
  })

  it('refuses a download whose checksum does not match, and stays quiet about it', async () => {
    const bytes = randomBytes(64 * 1024)
    const wrong = createHash('sha512').update('something else').digest('base64')
    const feed = await serveFeed({ version: NEWER, bytes, sha512: wrong })
    const { service, warnings, updater } = await checkWithService(feed)
    await vi.waitFor(() => expect(warnings.join('\n')).toMatch(/sha512 checksum mismatch/))
    await vi.waitFor(() => expect(service.state().status).toBe('idle'))
    expect((await service.restart()).kind).toBe('not-ready')
    expect(updater.quitAndInstall).not.toHaveBeenCalled()
  })

  it('stays calm when the feed cannot be reached', async () => {
    const feed = await serveFeed({ version: NEWER, bytes: randomBytes(16) })
    await new Promise<void>((resolve) => server?.close(() => resolve()))
    server = undefined
    const { service, warnings } = await checkWithService(feed)
    expect(service.state()).toEqual({ status: 'idle' })
    expect(warnings.join('\n')).toMatch(/updates: the check/)
  })
})
