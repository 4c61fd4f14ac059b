import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { buildRenderer, RENDERER_BUILDS_DIR, RENDERER_DIR_ENV } from './build-renderer'
import { buildCaptureDriver } from './driver/build-capture-driver'

const BUILD_PREFIX = 'renderer-'

/**
 * Builds the renderer once per test run. Each run gets its own folder (named by its pid),
 * because several engineers may run the e2e tests in one checkout at once: a shared folder
 * would be emptied under another run's feet. The test workers inherit the path through
 * the environment.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await removeAbandonedBuilds()
  const outDir = join(RENDERER_BUILDS_DIR, `${BUILD_PREFIX}${process.pid}`)
  await buildRenderer(outDir)
  // The e2e tests' harness-only capture page, beside the renderer on the app's origin.
  await buildCaptureDriver(outDir)
  process.env[RENDERER_DIR_ENV] = outDir
  return async () => {
    await rm(outDir, { recursive: true, force: true })
  }
}

/** Builds left by runs that were killed before their teardown. */
async function removeAbandonedBuilds(): Promise<void> {
  let names: string[]
  try {
    names = await readdir(RENDERER_BUILDS_DIR)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for (const name of names) {
    const pid = Number(name.slice(BUILD_PREFIX.length))
    if (!name.startsWith(BUILD_PREFIX) || !(pid > 0) || isRunning(pid)) continue
    await rm(join(RENDERER_BUILDS_DIR, name), { recursive: true, force: true })
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
