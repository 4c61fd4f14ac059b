import type { Configuration } from 'electron-builder'

/**
 * How Connections Desk is packaged (electron-builder reads this file; `npm run dist` builds
 * the installers for the platform it runs on, `npm run dist:dir` the unpacked app only).
 * test/dist/builder-config.test.ts holds the security-relevant parts to account.
 */

/**
 * Electron's fuses, flipped in the binary at packaging. Each one closes a way to run code in
 * the app that is not the app's own: a clerk's PC must not become a Node runtime
 * (ELECTRON_RUN_AS_NODE), a debugger port or a loader of unsigned code.
 */
export const ELECTRON_FUSES = {
  runAsNode: false,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableCookieEncryption: true,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  grantFileProtocolExtraPrivileges: false
} as const satisfies NonNullable<Configuration['electronFuses']>

type Env = Record<string, string | undefined>

/**
 * macOS signing only from the usual variables: CSC_LINK (a .p12, with CSC_KEY_PASSWORD) or
 * CSC_NAME (an identity in the keychain). Without them the app is not signed (null), rather
 * than electron-builder picking whatever identity the build machine's keychain holds.
 */
export function macIdentity(env: Env): null | undefined {
  return present(env['CSC_LINK']) || present(env['CSC_NAME']) ? undefined : null
}

/**
 * Notarisation only with one complete set of Apple's variables; a half-set would make
 * electron-builder fail the build, and none at all is a clean skip.
 */
export function notarizeFromEnv(env: Env): boolean {
  const all = (...names: string[]): boolean => names.every((name) => present(env[name]))
  return (
    all('APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER') ||
    all('APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID') ||
    all('APPLE_KEYCHAIN', 'APPLE_KEYCHAIN_PROFILE')
  )
}

function present(value: string | undefined): boolean {
  return value !== undefined && value.trim() !== ''
}

export function builderConfig(env: Env = process.env): Configuration {
  return {
    appId: 'org.connectionsdesk.desk',
    productName: 'Connections Desk',
    executableName: 'connections-desk',
    copyright: 'Copyright © Connections Desk contributors',
    directories: { output: 'dist', buildResources: 'resources' },
    // What runs and nothing else: electron-vite's three outputs (not the test harness's
    // builds beside them in out/) and package.json. electron-builder adds the production
    // dependencies itself (never devDependencies); no source map of ours or of a dependency.
    files: ['out/main/**/*', 'out/preload/**/*', 'out/renderer/**/*', 'package.json', '!**/*.map'],
    asar: true,
    // No native modules: nothing to rebuild, and no Electron headers to download.
    npmRebuild: false,
    nodeGypRebuild: false,
    electronFuses: ELECTRON_FUSES,
    // Only so that electron-builder writes latest*.yml and app-update.yml: the real feed
    // address is a setting of the installed app (src/main/updates/feed-url.ts).
    publish: [{ provider: 'generic', url: 'https://updates.invalid/connections-desk' }],

    win: {
      target: [{ target: 'nsis', arch: ['x64'] }],
      icon: 'resources/icons/icon.ico'
    },
    nsis: {
      // Shared office PCs often have no administrator at hand: per user by default, with
      // "for all users" offered on the install-mode page (and `/allusers` for IT).
      oneClick: false,
      perMachine: false,
      selectPerMachineByDefault: false,
      allowElevation: true,
      allowToChangeInstallationDirectory: true,
      createDesktopShortcut: true,
      createStartMenuShortcut: true,
      // The outbox lives in the app's data folder: uninstalling must never delete unsent results.
      deleteAppDataOnUninstall: false
    },

    mac: {
      target: [
        { target: 'dmg', arch: ['universal'] },
        // electron-updater updates a Mac from the zip.
        { target: 'zip', arch: ['universal'] }
      ],
      icon: 'resources/icons/icon.icns',
      category: 'public.app-category.productivity',
      hardenedRuntime: true,
      gatekeeperAssess: false,
      entitlements: 'resources/entitlements.mac.plist',
      entitlementsInherit: 'resources/entitlements.mac.plist',
      identity: macIdentity(env),
      notarize: notarizeFromEnv(env)
    },
    dmg: { writeUpdateInfo: false },

    linux: {
      target: ['AppImage', 'deb'],
      icon: 'resources/icons/png',
      category: 'Office',
      maintainer: 'Connections Desk contributors <desk@connectionsdesk.invalid>',
      synopsis: 'Enter outreach connection results into Access ACS, even offline'
    }
  }
}

export default builderConfig()
