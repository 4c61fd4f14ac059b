import { execFile } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { promisify } from 'node:util'

export const PROJECT_ROOT = join(import.meta.dirname, '../..')
export const BUILT_MAIN = join(PROJECT_ROOT, 'out/main/index.js')

/**
 * `npm run build`, as the packaging checks need it: electron-vite's production build of
 * main, preload and renderer into out/. Run once per test run by the dist project's setup.
 */
export async function buildApp(): Promise<void> {
  const cli = join(
    dirname(createRequire(import.meta.url).resolve('electron-vite/package.json')),
    'bin/electron-vite.js'
  )
  await promisify(execFile)(process.execPath, [cli, 'build', '--logLevel', 'warn'], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, NODE_ENV: 'production' },
    maxBuffer: 16 * 1024 * 1024
  })
}
