// Times the built main's start under the boot check's Electron stand-in
// (test/dist/stand-in), in a fresh Node process per round: from just before importing
// out/main/index.js to the import resolving, then to the services ready once the app is
// ready (every bridge channel handled and the window loading its page). Prints one
// `BOOT-TIMES {json}` line for bench/suites/boot-suite.ts.
// With BENCH_CPU_PROFILE_DIR set, the CPU profile of exactly that stretch is written there
// as main-start-<pid>.cpuprofile (Chrome DevTools' format), to see where the start goes.
import { mkdir, writeFile } from 'node:fs/promises'
import { Session } from 'node:inspector/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { standInPaths } from '../test/dist/stand-in/stand-in-paths.mjs'

const [mainPath, folder] = process.argv.slice(2)
globalThis.__electronStandInConfig = {
  lockGranted: true,
  paths: standInPaths(folder)
}
const { record, becomeReady } = await import('electron')
const profiler = await startProfile(process.env['BENCH_CPU_PROFILE_DIR'])
const started = performance.now()
await import(pathToFileURL(mainPath).href)
const importedMs = performance.now() - started
becomeReady()
const deadline = Date.now() + 30_000
const ready = () => record.ipcHandlers.size > 0 && record.windows.some((window) => window.url)
while (!ready()) {
  if (Date.now() > deadline) {
    process.stdout.write(`\nBOOT-TIMES ${JSON.stringify({ failed: 'no window loaded in 30 s' })}\n`)
    process.exit(1)
  }
  // A macrotask at a time: the main's ready handler runs its awaits between them.
  await new Promise((resolve) => setImmediate(resolve))
}
const readyMs = performance.now() - started
await profiler?.stop()
process.stdout.write(
  `\nBOOT-TIMES ${JSON.stringify({ importedMs, readyMs, channels: record.ipcHandlers.size })}\n`
)
process.exit(0)

async function startProfile(folder) {
  if (!folder) return undefined
  const session = new Session()
  session.connect()
  await session.post('Profiler.enable')
  await session.post('Profiler.setSamplingInterval', { interval: 200 })
  await session.post('Profiler.start')
  return {
    async stop() {
      const { profile } = await session.post('Profiler.stop')
      await mkdir(folder, { recursive: true })
      const path = join(folder, `main-start-${process.pid}.cpuprofile`)
      await writeFile(path, JSON.stringify(profile))
      process.stderr.write(`boot probe: CPU profile written to ${path}\n`)
    }
  }
}
