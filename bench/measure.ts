import { BenchError } from './bench-error'

/** Median and 95th percentile of a sample, the only statistics the benchmarks report. */
export interface Summary {
  median: number
  p95: number
  samples: number
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new BenchError('A benchmark produced no samples')
  if (values.some((value) => !Number.isFinite(value))) {
    throw new BenchError('A benchmark produced a sample that is not a finite number')
  }
  const sorted = [...values].sort((a, b) => a - b)
  const at = (quantile: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] as number
  return { median: at(0.5), p95: at(0.95), samples: sorted.length }
}

/**
 * Items per second over rounds. The p95 is the slow tail (the rate 95% of rounds beat), so
 * for rates as for times the p95 is the bad side.
 */
export function rateSummary(rounds: ReadonlyArray<{ items: number; ms: number }>): Summary {
  const rates = rounds.map((round) => (round.items / round.ms) * 1000)
  const { median, samples } = summarize(rates)
  const slowTail = [...rates].sort((a, b) => a - b)[Math.floor(0.05 * rates.length)] as number
  return { median, p95: slowTail, samples }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}

/**
 * Runs `round` up to `rounds` times, but starts no new round once `budgetMs` has passed
 * (always at least one): the full run has a time limit however slow the app is today.
 */
export async function repeat<T>(
  options: { rounds: number; budgetMs: number },
  round: (index: number) => Promise<T>
): Promise<T[]> {
  const started = performance.now()
  const results: T[] = []
  for (let index = 0; index < options.rounds; index++) {
    if (index > 0 && performance.now() - started > options.budgetMs) break
    results.push(await round(index))
  }
  return results
}
