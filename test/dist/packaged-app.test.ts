import { execFile } from 'node:child_process'
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join, posix } from 'node:path'
import { promisify } from 'node:util'
import { extractFile, listPackage } from '@electron/asar'
import { FuseV1Options, getCurrentFuseWire } from '@electron/fuses'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { ELECTRON_FUSES } from '../../electron-builder'
import { PROJECT_ROOT } from './build-app'
import { makeElectronDist } from './stand-in/electron-dist'

/**
 * `electron-builder --dir` for Linux, as `npm run dist:dir` runs it, with electronDist a
 * stand-in folder (the real Electron cannot be downloaded here), then app.asar opened and
 * held to what the app needs: the built app, package.json and the production dependencies.
 */

/** The asar's size limit. Today ~11 MB: zod, electron-updater and electron-store's deps. */
const ASAR_BUDGET_BYTES = 14 * 1024 * 1024

interface PackageJson {
  main?: string
  dependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

let folder: string
let appDir: string
let asar: string
let entries: Set<string>

function read(path: string): string {
  return extractFile(asar, path.replace(/^\//, '')).toString('utf8')
}

/** Where Node would find `name` from a package at `from`: the nearest node_modules up. */
function resolveInAsar(name: string, from: string): string | null {
  for (let dir = from; ; dir = posix.dirname(dir)) {
    const candidate = posix.join(dir, 'node_modules', name)
    if (entries.has(posix.join(candidate, 'package.json'))) return candidate
    if (dir === '/') return null
  }
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'packaged-'))
  const electronDist = await makeElectronDist(join(folder, 'electron-dist'))
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('electron-builder/package.json')),
    'cli.js'
  )
  const started = performance.now()
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      '--dir',
      '--linux',
      '--x64',
      '--publish',
      'never',
      `-c.electronDist=${electronDist}`,
      `-c.directories.output=${join(folder, 'dist')}`
    ],
    { cwd: PROJECT_ROOT, maxBuffer: 16 * 1024 * 1024, timeout: 110_000 }
  )
  console.info(`electron-builder --dir took ${Math.round(performance.now() - started)} ms`)
  appDir = join(folder, 'dist', 'linux-unpacked')
  asar = join(appDir, 'resources', 'app.asar')
  entries = new Set(
    listPackage(asar, { isPack: false }).map((entry) => entry.replaceAll('\\', '/'))
  )
})

afterAll(async () => {
  await rm(folder, { recursive: true, force: true })
})

describe('the packaged app (electron-builder --dir, Linux)', () => {
  it('holds its main, preload and page, where package.json says', () => {
    const manifest = JSON.parse(read('package.json')) as PackageJson
    expect(manifest.main).toBe('./out/main/index.js')
    expect(entries.has(posix.join('/', manifest.main ?? ''))).toBe(true)
    expect(entries.has('/out/preload/index.cjs')).toBe(true)
    expect(entries.has('/out/renderer/index.html')).toBe(true)
  })

  it('holds every production dependency and their own, as Node would resolve them', () => {
    const manifest = JSON.parse(read('package.json')) as PackageJson
    const seen = new Set<string>()
    const queue: Array<{ name: string; from: string }> = Object.keys(
      manifest.dependencies ?? {}
    ).map((name) => ({ name, from: '/' }))
    while (queue.length > 0) {
      const { name, from } = queue.shift() as { name: string; from: string }
      const found = resolveInAsar(name, from)
      expect(found, `${name} (needed by ${from}) is missing from the asar`).not.toBeNull()
      if (!found || seen.has(found)) continue
      seen.add(found)
      const own = JSON.parse(read(`${found}/package.json`)) as PackageJson
      for (const dependency of Object.keys(own.dependencies ?? {})) {
        queue.push({ name: dependency, from: found })
      }
    }
    // Nothing else: every package in the asar is one of those.
    const packaged = [...entries].filter((entry) =>
      /\/node_modules\/(@[^/]+\/)?[^/@]+\/package\.json$/.test(entry)
    )
    const extra = packaged.map((entry) => posix.dirname(entry)).filter((dir) => !seen.has(dir))
    expect(extra).toEqual([])
  })

  it('holds no devDependency, no source, tests, benchmarks or source maps', async () => {
    const project = JSON.parse(
      await readFile(join(PROJECT_ROOT, 'package.json'), 'utf8')
    ) as PackageJson
    for (const name of Object.keys(project.devDependencies ?? {})) {
      expect(entries.has(`/node_modules/${name}/package.json`), `devDependency ${name}`).toBe(false)
    }
    const top = new Set([...entries].map((entry) => entry.split('/')[1]))
    expect([...top].sort()).toEqual(['node_modules', 'out', 'package.json'])
    // Only the app's own build: the test harness builds its renderer into out/harness.
    const outFolders = [...entries].filter((entry) => entry.startsWith('/out/'))
    expect(new Set(outFolders.map((entry) => entry.split('/')[2]))).toEqual(
      new Set(['main', 'preload', 'renderer'])
    )
    for (const folderName of ['src', 'test', 'bench', 'scripts', 'resources']) {
      expect(top.has(folderName)).toBe(false)
    }
    expect([...entries].filter((entry) => entry.endsWith('.map'))).toEqual([])
  })

  it('stays under its size budget', async () => {
    const { size } = await stat(asar)
    console.info(
      `app.asar: ${(size / 1024 / 1024).toFixed(2)} MB of a ${(ASAR_BUDGET_BYTES / 1024 / 1024).toFixed(0)} MB budget`
    )
    expect(size).toBeLessThan(ASAR_BUDGET_BYTES)
  })

  it('flipped the fuses in the packaged binary as the config says', async () => {
    const wire = await getCurrentFuseWire(join(appDir, 'connections-desk'))
    const state = (option: FuseV1Options): boolean => wire[option] === 49
    expect(state(FuseV1Options.RunAsNode)).toBe(ELECTRON_FUSES.runAsNode)
    expect(state(FuseV1Options.EnableCookieEncryption)).toBe(true)
    expect(state(FuseV1Options.EnableNodeOptionsEnvironmentVariable)).toBe(false)
    expect(state(FuseV1Options.EnableNodeCliInspectArguments)).toBe(false)
    expect(state(FuseV1Options.EnableEmbeddedAsarIntegrityValidation)).toBe(true)
    expect(state(FuseV1Options.OnlyLoadAppFromAsar)).toBe(true)
    expect(state(FuseV1Options.GrantFileProtocolExtraPrivileges)).toBe(false)
  })
})
