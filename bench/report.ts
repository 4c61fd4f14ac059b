import { writeFile } from 'node:fs/promises'
import type { BenchConfig } from './bench-config'
import type { Environment } from './environment'
import type { MetricRow } from './metric-row'

export interface BenchResults {
  mode: BenchConfig['mode']
  at: string
  durationSeconds: number
  /** Load averages say how busy the machine was with other work (other engineers' tests). */
  machine: Environment['machine'] & { loadAverage1mAtStart: number; loadAverage1mAtEnd: number }
  versions: Environment['versions']
  config: BenchConfig
  metrics: MetricRow[]
  /** Benchmarks that could not run, with the reason. */
  failures: Array<{ suite: string; message: string }>
}

/** The table the run prints and RESULTS.md quotes, as Markdown. */
export function resultsTable(rows: readonly MetricRow[]): string {
  const header = ['metric', 'median', 'p95', 'baseline median', 'ratio', 'target', 'met']
  const lines = rows.map((row) => [
    row.name,
    `${format(row.value.median)} ${row.unit}`,
    `${format(row.value.p95)} ${row.unit}`,
    row.baseline ? `${format(row.baseline.value.median)} ${row.unit}` : '—',
    row.ratio ? `${row.ratio.value.toFixed(2)}x` : '—',
    row.target,
    row.met === null ? '—' : row.met ? 'yes' : 'NO'
  ])
  const widths = header.map((title, column) =>
    Math.max(title.length, ...lines.map((line) => line[column]!.length))
  )
  const render = (cells: readonly string[]): string =>
    `| ${cells.map((cell, column) => cell.padEnd(widths[column]!)).join(' | ')} |`
  return [
    render(header),
    render(widths.map((width) => '-'.repeat(width))),
    ...lines.map(render)
  ].join('\n')
}

export async function writeResults(path: string, results: BenchResults): Promise<void> {
  await writeFile(path, `${JSON.stringify(results, null, 2)}\n`)
}

function format(value: number): string {
  if (Number.isInteger(value) || Math.abs(value) >= 100)
    return Math.round(value).toLocaleString('en')
  if (Math.abs(value) >= 1) return value.toFixed(1)
  return value.toFixed(3)
}
