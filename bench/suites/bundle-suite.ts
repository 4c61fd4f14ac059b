import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { BenchError } from '../bench-error'
import type { MetricRow } from '../metric-row'

const MAX_GZIP_KB = 150
const KB = 1024

/**
 * The renderer's JavaScript as the production build writes it (the harness's build, which
 * mirrors electron.vite.config.ts's renderer section), each file gzipped with node:zlib at
 * its default level, summed.
 */
export async function bundleSuite(assetsDir: string): Promise<MetricRow[]> {
  const files = (await readdir(assetsDir)).filter((name) => name.endsWith('.js'))
  if (files.length === 0)
    throw new BenchError(`The renderer build has no JavaScript in ${assetsDir}`)
  let raw = 0
  let gzipped = 0
  for (const file of files) {
    const content = await readFile(join(assetsDir, file))
    raw += content.length
    gzipped += gzipSync(content).length
  }
  const kb = gzipped / KB
  return [
    {
      id: 'renderer-bundle',
      name: 'renderer bundle, gzipped JavaScript',
      unit: 'KB',
      value: { median: kb, p95: kb, samples: 1 },
      target: `<= ${MAX_GZIP_KB} KB`,
      met: kb <= MAX_GZIP_KB,
      details: { files, rawKb: raw / KB }
    }
  ]
}
