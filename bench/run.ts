import { join } from 'node:path'
import { loadavg } from 'node:os'
import { FULL, QUICK, type BenchConfig } from './bench-config'
import { buildBenchPages } from './build-bench-pages'
import { openDeskSession } from './desk-session'
import { describeEnvironment } from './environment'
import type { MetricRow } from './metric-row'
import { openPeerSession } from './peer-session'
import { resultsTable, writeResults, type BenchResults } from './report'
import { bridgeTransportSuite } from './suites/bridge-transport-suite'
import { bootSuite } from './suites/boot-suite'
import { bundleSuite } from './suites/bundle-suite'
import { directorySuite } from './suites/directory-suite'
import { diskSuite } from './suites/disk-suite'
import { drainSuite } from './suites/drain-suite'
import { firstScreenSuite } from './suites/first-screen-suite'
import { networkSuite } from './suites/network-suite'
import { practiceSiteSuite } from './suites/practice-site-suite'
import { saveKeySuite } from './suites/save-key-suite'
import { saveLatencySuite } from './suites/save-latency-suite'
import { searchSuite } from './suites/search-suite'
import { searchWhileDrainingSuite } from './suites/search-while-draining-suite'

/**
 * `npm run bench` (full, about 25 minutes) or `npm run bench -- --quick` (about 4, for CI).
 * Prints a table and writes bench/results.json (the full run, which is kept in git) or
 * bench/results-quick.json (ignored by git: a quick run proves the benchmarks work, its
 * numbers are not the record). Speed is measured here, never in tests.
 * A benchmark that cannot run is reported and fails the run; a target missed does not.
 */
const config: BenchConfig = process.argv.includes('--quick') ? QUICK : FULL
/**
 * `--only=drain,first screen` runs just those suites (by the names printed), for working on
 * one metric; the suites another one needs (the directory's download, the search's index)
 * are added.
 * A partial run never overwrites bench/results.json.
 */
const only = parseOnly(process.argv)
const started = performance.now()
const loadAtStart = loadavg()[0] ?? 0
const rows: MetricRow[] = []
const failures: BenchResults['failures'] = []

function parseOnly(argv: readonly string[]): Set<string> | undefined {
  const flag = argv.find((arg) => arg.startsWith('--only='))
  if (flag === undefined) return undefined
  const names = new Set(
    flag
      .slice('--only='.length)
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name.length > 0)
  )
  if (names.has('save key press')) names.add('first screen')
  const needDirectory = ['first screen', 'people search', 'search while draining']
  if (needDirectory.some((name) => names.has(name))) names.add('directory')
  // It types into the index the search suite loads.
  if (names.has('search while draining')) names.add('people search')
  return names
}

async function suite(name: string, work: () => Promise<MetricRow[]>): Promise<void> {
  if (only !== undefined && !only.has(name)) return
  const suiteStarted = performance.now()
  console.info(`bench: ${name}…`)
  try {
    const measured = await work()
    rows.push(...measured)
    console.info(`bench: ${name} done in ${seconds(suiteStarted)} s`)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    failures.push({ suite: name, message })
    console.error(`bench: ${name} failed after ${seconds(suiteStarted)} s: ${message}`)
  }
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(1)
}

const build = await buildBenchPages()
let chromium: string | undefined
try {
  await suite('practice site', () => practiceSiteSuite(config))
  await suite('network', () => networkSuite(config))
  await suite('renderer bundle', () => bundleSuite(build.rendererAssetsDir))
  await suite('main start', () => bootSuite(config))

  const desk = await openDeskSession({ rendererDir: build.deskDir, people: config.people })
  try {
    chromium = await desk.browserVersion()
    // First: it measures the profile folder's growth, which earlier deletions would blur.
    await suite('history on disk', () => diskSuite(desk))
    await suite('bridge transport', () => bridgeTransportSuite(desk, config))
    await suite('save latency', () => saveLatencySuite(desk, config))
    const peer = await openPeerSession(desk.desk)
    try {
      await suite('directory', () => directorySuite(desk, peer, config))
      await suite('drain', () => drainSuite(desk, peer, config))
    } finally {
      await peer.close()
    }
    await suite('people search', () => searchSuite(desk, config))
    await suite('search while draining', () => searchWhileDrainingSuite(desk, config))
    // Last: it needs the directory's download and leaves the page on the app.
    await suite('first screen', () => firstScreenSuite(desk, config))
    // On the app the first screen left open.
    await suite('save key press', () => saveKeySuite(desk, config))
  } finally {
    await desk.close()
  }
} finally {
  await build.remove()
}

const environment = await describeEnvironment(chromium ?? 'unknown')
const results: BenchResults = {
  mode: config.mode,
  at: new Date().toISOString(),
  durationSeconds: Math.round((performance.now() - started) / 1000),
  machine: {
    ...environment.machine,
    loadAverage1mAtStart: loadAtStart,
    loadAverage1mAtEnd: loadavg()[0] ?? 0
  },
  versions: environment.versions,
  config,
  metrics: rows,
  failures
}
console.info(`\n${resultsTable(rows)}\n`)
const machine = results.machine
console.info(
  `${config.mode} run, ${results.durationSeconds} s, ${machine.cpus} × ${machine.cpuModel}, load ${machine.loadAverage1mAtStart.toFixed(1)} → ${machine.loadAverage1mAtEnd.toFixed(1)}`
)
if (only === undefined) {
  const file = config.mode === 'full' ? 'results.json' : `results-${config.mode}.json`
  await writeResults(join(import.meta.dirname, file), results)
  console.info(`Wrote bench/${file} (${results.mode} run).`)
} else {
  for (const row of rows) {
    if (row.details) console.info(`${row.id}: ${JSON.stringify(row.details)}`)
  }
  console.info('Partial run (--only): bench/results.json left as it was.')
}
if (failures.length > 0) {
  console.error(
    `${failures.length} benchmark(s) could not run: ${failures.map((f) => f.suite).join(', ')}`
  )
  process.exitCode = 1
}
