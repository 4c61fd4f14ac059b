import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FuseState, FuseV1Options } from '@electron/fuses'

/** Electron's fuse sentinel: @electron/fuses finds the fuse wire right after it. */
const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'
const FUSE_WIRE_VERSION = 1

/** The fuses as a fresh Electron 45 binary ships them: every risky one still open. */
const SHIPPED_FUSES: Record<FuseV1Options, FuseState> = {
  [FuseV1Options.RunAsNode]: FuseState.ENABLE,
  [FuseV1Options.EnableCookieEncryption]: FuseState.DISABLE,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: FuseState.ENABLE,
  [FuseV1Options.EnableNodeCliInspectArguments]: FuseState.ENABLE,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: FuseState.DISABLE,
  [FuseV1Options.OnlyLoadAppFromAsar]: FuseState.DISABLE,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: FuseState.DISABLE,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: FuseState.ENABLE,
  [FuseV1Options.WasmTrapHandlers]: FuseState.ENABLE
}

/**
 * An unpacked "Electron for Linux" that electron-builder accepts as electronDist: the
 * `electron` executable (a shell script carrying the fuse sentinel and wire, which is all
 * @electron/fuses reads and writes), a locale and an empty resources folder. The real
 * binary is not needed to assemble and check the app.
 */
export async function makeElectronDist(folder: string): Promise<string> {
  await mkdir(join(folder, 'resources'), { recursive: true })
  await mkdir(join(folder, 'locales'), { recursive: true })
  const wire = Object.keys(SHIPPED_FUSES)
    .map(Number)
    .sort((a, b) => a - b)
    .map((option) => SHIPPED_FUSES[option as FuseV1Options])
  const executable = Buffer.concat([
    Buffer.from('#!/bin/sh\necho "a stand-in for Electron, made by test/dist"\nexit 1\n'),
    Buffer.from(FUSE_SENTINEL),
    Buffer.from([FUSE_WIRE_VERSION, wire.length, ...wire]),
    Buffer.from('\n')
  ])
  await writeFile(join(folder, 'electron'), executable, { mode: 0o755 })
  await writeFile(join(folder, 'locales', 'en-US.pak'), 'stand-in locale')
  await writeFile(join(folder, 'LICENSE'), 'stand-in license')
  return folder
}
