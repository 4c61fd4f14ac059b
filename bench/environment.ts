import { readFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import * as z from 'zod'
import { parseOutside } from './page-call'

const PROJECT_ROOT = join(import.meta.dirname, '..')
const PACKAGES = [
  'electron',
  'electron-vite',
  'vite',
  'svelte',
  'dexie',
  'zod',
  'undici',
  'playwright',
  'workbox-background-sync'
] as const

/** What ran the benchmarks: ratios travel between machines, absolute figures do not. */
export interface Environment {
  machine: { cpus: number; cpuModel: string; memoryBytes: number }
  versions: Record<string, string>
}

export async function describeEnvironment(chromium: string): Promise<Environment> {
  const versions: Record<string, string> = {
    node: process.versions.node,
    v8: process.versions.v8,
    chromium
  }
  for (const name of PACKAGES) versions[name] = await installedVersion(name)
  return {
    machine: {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      memoryBytes: totalmem()
    },
    versions
  }
}

async function installedVersion(name: string): Promise<string> {
  const path = join(PROJECT_ROOT, 'node_modules', name, 'package.json')
  const manifest = parseOutside(
    z.object({ version: z.string() }),
    JSON.parse(await readFile(path, 'utf8')),
    `${name}'s package.json`
  )
  return manifest.version
}
