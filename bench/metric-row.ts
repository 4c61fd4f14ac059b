import type { Summary } from './measure'

/** One line of the results table and of results.json. */
export interface MetricRow {
  /** Stable key for results.json readers. */
  id: string
  name: string
  unit: string
  value: Summary
  baseline?: { name: string; value: Summary }
  /** The figure the target compares, e.g. "p50 / baseline p50". */
  ratio?: { value: number; of: string }
  /** As the issue states it. */
  target: string
  /** Whether the target was met; null when the metric has no target. */
  met: boolean | null
  /** Where the time went, counts, anything that explains the figure. */
  details?: Record<string, unknown>
}
