import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import { saveLatencyResultSchema } from '../contract/desk-bench-api'

const MAX_RATIO = 1.3
const MAX_P95_MS = 16

/** Save to committed: OutboxRepository.capture against a raw strict IndexedDB put. */
export async function saveLatencySuite(
  session: DeskSession,
  config: BenchConfig
): Promise<MetricRow[]> {
  const { captureMs, rawPutMs } = await session.call(
    'saveLatency',
    { saves: config.saves },
    saveLatencyResultSchema
  )
  const capture = summarize(captureMs)
  const raw = summarize(rawPutMs)
  const ratio = capture.median / raw.median
  return [
    {
      id: 'save-latency',
      name: `save latency, ${config.saves} saves (capture, strict)`,
      unit: 'ms',
      value: capture,
      baseline: { name: 'raw IndexedDB put, strict', value: raw },
      ratio: { value: ratio, of: 'p50 / baseline p50' },
      target: `p50 <= ${MAX_RATIO}x baseline; p95 <= ${MAX_P95_MS} ms`,
      met: ratio <= MAX_RATIO && capture.p95 <= MAX_P95_MS
    }
  ]
}
