import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import config, {
  builderConfig,
  ELECTRON_FUSES,
  macIdentity,
  notarizeFromEnv
} from '../../electron-builder'

const root = join(import.meta.dirname, '../..')

/**
 * Every fuse the app depends on, with the only acceptable setting. A fuse missing from the
 * config keeps Electron's default, which for each of these is the unsafe one.
 */
const REQUIRED_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false
} as const

describe('electron-builder.ts', () => {
  it('flips every required fuse, none missing or weakened', () => {
    const fuses = config.electronFuses as Record<string, unknown> | null | undefined
    expect(fuses, 'electronFuses is missing from the packaging config').toBeTruthy()
    for (const [fuse, wanted] of Object.entries(REQUIRED_FUSES)) {
      expect(fuses?.[fuse], `fuse ${fuse} must be ${wanted}`).toBe(wanted)
    }
    expect(ELECTRON_FUSES).toEqual(REQUIRED_FUSES)
  })

  it('packs only the built app and package.json, in an asar, without source maps', () => {
    expect(config.asar).toBe(true)
    expect(config.files).toEqual([
      'out/main/**/*',
      'out/preload/**/*',
      'out/renderer/**/*',
      'package.json',
      '!**/*.map'
    ])
    expect(config.npmRebuild).toBe(false)
  })

  it('installs per user on Windows by default, with per-machine offered', () => {
    expect(config.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
      deleteAppDataOnUninstall: false
    })
  })

  it('builds a hardened, entitled macOS dmg and zip, and AppImage and deb for Linux', async () => {
    expect(config.mac).toMatchObject({
      hardenedRuntime: true,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist'
    })
    const macTargets = (config.mac?.target as Array<{ target: string }>).map((t) => t.target)
    expect(macTargets).toEqual(['dmg', 'zip'])
    expect(config.linux?.target).toEqual(['AppImage', 'deb'])
    const entitlements = await readFile(join(root, 'resources/entitlements.mac.plist'), 'utf8')
    expect(entitlements).toContain('com.apple.security.cs.allow-jit')
    // Each of these would reopen what the hardened runtime closes.
    expect(entitlements).not.toMatch(/disable-library-validation|allow-dyld-environment-variables/)
  })

  it('points each platform at an icon the script generated', async () => {
    for (const icon of ['resources/icons/icon.ico', 'resources/icons/icon.icns']) {
      expect((await readFile(join(root, icon))).length).toBeGreaterThan(1000)
    }
    expect(config.win?.icon).toBe('resources/icons/icon.ico')
    expect(config.mac?.icon).toBe('resources/icons/icon.icns')
    expect(config.linux?.icon).toBe('resources/icons/png')
  })
})

describe('signing and notarisation from the environment', () => {
  it('signs a Mac build only when CSC_LINK or CSC_NAME is set', () => {
    expect(macIdentity({})).toBeNull()
    expect(macIdentity({ CSC_LINK: ' ' })).toBeNull()
    expect(macIdentity({ CSC_LINK: 'cert.p12' })).toBeUndefined()
    expect(macIdentity({ CSC_NAME: 'Developer ID Application: A Church' })).toBeUndefined()
    expect(builderConfig({}).mac?.identity).toBeNull()
  })

  it('notarises only with one complete set of Apple variables, and skips otherwise', () => {
    expect(notarizeFromEnv({})).toBe(false)
    expect(notarizeFromEnv({ APPLE_ID: 'a@b.org', APPLE_TEAM_ID: 'T' })).toBe(false)
    expect(
      notarizeFromEnv({ APPLE_ID: 'a@b.org', APPLE_APP_SPECIFIC_PASSWORD: 'p', APPLE_TEAM_ID: 'T' })
    ).toBe(true)
    expect(
      notarizeFromEnv({ APPLE_API_KEY: 'k.p8', APPLE_API_KEY_ID: 'id', APPLE_API_ISSUER: 'i' })
    ).toBe(true)
    expect(notarizeFromEnv({ APPLE_KEYCHAIN: 'k', APPLE_KEYCHAIN_PROFILE: 'p' })).toBe(true)
    expect(builderConfig({}).mac?.notarize).toBe(false)
  })
})
