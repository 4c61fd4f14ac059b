/** Median and 95th percentile of a sample, the only statistics the benchmarks report. */
export interface Summary {
  median: number
  p95: number
  samples: number
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new Error('A benchmark produced no samples')
  const sorted = [...values].sort((a, b) => a - b)
  const at = (quantile: number): number =>
    sorted[Math.min(sorted.length - 1, Math.floor(quantile * sorted.length))] as number
  return { median: at(0.5), p95: at(0.95), samples: sorted.length }
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now()
  const value = await work()
  return { ms: performance.now() - start, value }
}
