import { writeFileSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import { benchPracticeSite } from './practice-site-bench'
import type { Summary } from './measure'

/**
 * `npm run bench` (full) or `npm run bench -- --quick` (a short run for CI). Prints a table
 * and writes bench/results.json. Speed is measured here, never in tests.
 */
const quick = process.argv.includes('--quick')

const site = await benchPracticeSite(
  quick
    ? { rounds: 3, requestsPerRound: 300, concurrency: 4 }
    : { rounds: 9, requestsPerRound: 3000, concurrency: 4 }
)

const metrics: Record<string, Summary & { unit: string }> = {
  'practice site start (2,000 people)': { ...site.startupMs, unit: 'ms' },
  'change requests per second (concurrency 4)': { ...site.changeRequestsPerSecond, unit: '/s' },
  'directory pages of 1,000 per second': { ...site.directoryPagesPerSecond, unit: '/s' }
}

const rows = Object.entries(metrics).map(([name, m]) => ({
  metric: name,
  median: `${m.median.toFixed(1)} ${m.unit}`,
  p95: `${m.p95.toFixed(1)} ${m.unit}`,
  samples: m.samples
}))
console.table(rows)

const results = {
  mode: quick ? 'quick' : 'full',
  at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryBytes: totalmem()
  },
  versions: { node: process.versions.node, v8: process.versions.v8 },
  metrics
}
writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify(results, null, 2)}\n`)
console.log(`Wrote bench/results.json (${results.mode} run).`)
