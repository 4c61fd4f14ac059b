import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import * as z from 'zod'
import { BUILT_MAIN, buildApp } from '../../test/dist/build-app'
import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import { parseOutside } from '../page-call'

const MAX_MS = 150
const STAND_IN = join(import.meta.dirname, '..', '..', 'test', 'dist', 'stand-in')

const bootTimesSchema = z.object({
  importedMs: z.number().nonnegative(),
  readyMs: z.number().nonnegative(),
  channels: z.int().positive()
})

/**
 * The main process's start: `npm run build` (electron-vite, production), then the built
 * out/main/index.js imported under the boot check's recording stand-in for Electron, each
 * round in a fresh Node process, until its services are ready (bench/boot-probe.mjs).
 * Electron's own start and the window's paint are not in it: the binary cannot run here.
 */
export async function bootSuite(config: BenchConfig): Promise<MetricRow[]> {
  await buildApp()
  const imported: number[] = []
  const ready: number[] = []
  for (let round = 0; round < config.bootRounds; round++) {
    const folder = await mkdtemp(join(tmpdir(), 'connections-desk-bench-boot-'))
    try {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        [
          '--import',
          join(STAND_IN, 'register.mjs'),
          join(import.meta.dirname, '..', 'boot-probe.mjs'),
          BUILT_MAIN,
          folder
        ],
        { timeout: 60_000 }
      )
      const line = stdout.split('\n').find((text) => text.startsWith('BOOT-TIMES '))
      if (!line) throw new BenchError('The boot probe printed no times')
      const times = parseOutside(
        bootTimesSchema,
        JSON.parse(line.slice('BOOT-TIMES '.length)),
        'The boot probe'
      )
      imported.push(times.importedMs)
      ready.push(times.readyMs)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
  const value = summarize(ready)
  return [
    {
      id: 'main-start',
      name: 'main process: import of the built main + services ready (boot stand-in)',
      unit: 'ms',
      value,
      target: `<= ${MAX_MS} ms`,
      met: value.median <= MAX_MS,
      details: {
        importMs: summarize(imported),
        measured:
          'fresh Node per round: import(out/main/index.js), app ready, until every bridge channel is handled and the window loads its page'
      }
    }
  ]
}
