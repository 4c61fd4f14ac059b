import * as z from 'zod'
import { startCpuProfile } from '../cpu-profile'
import type { BenchConfig } from '../bench-config'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'
import {
  drainResultSchema,
  SEARCH_BOX_ID,
  typingSamplesSchema,
  type DrainResult
} from '../contract/desk-bench-api'

const MAX_RATIO = 1.3
const LONG_TASK_MS = 50
/** A quick typist: about 12 keys a second. */
const KEY_DELAY_MS = 80
const NAMES = 200
const SEED = 7_031

/**
 * The search box while a drain runs in the same page: keystroke-to-result latency (from
 * each input event's timestamp, so waiting behind the drain counts) against the same
 * typing with the outbox idle, and every main-thread task over 50 ms during the drain.
 * Typing stops when the drain ends or the typing window closes, when the drain stops too.
 */
export async function searchWhileDrainingSuite(
  session: DeskSession,
  config: BenchConfig
): Promise<MetricRow[]> {
  const names = await session.call('pickNames', { count: NAMES, seed: SEED }, z.array(z.string()))
  await session.call('showSearchBox', undefined, z.undefined())
  await session.page.focus(`#${SEARCH_BOX_ID}`)
  let next = 0
  const typeOneName = async (): Promise<number> => {
    const name = names[next++ % names.length] ?? 'Mary Smith'
    await session.page.keyboard.type(name, { delay: KEY_DELAY_MS })
    for (let left = name.length; left > 0; left--) {
      await session.page.keyboard.press('Backspace', { delay: KEY_DELAY_MS })
    }
    return name.length * 2
  }

  let typed = 0
  while (typed < config.idleKeystrokes) typed += await typeOneName()
  const idle = await session.call('takeTypingSamples', { since: 0 }, typingSamplesSchema)

  // The drain stops sending when typing stops, so the session is free again afterwards.
  // Queuing its items is the bench's work, not the drain's: tasks before its start are not
  // counted.
  const profile = await startCpuProfile(session, 'search-while-draining')
  const drainStartedAt = await session.call(
    'startDrain',
    { items: config.drainItems, deadlineMs: config.typingWindowMs },
    z.number()
  )
  const until = performance.now() + config.typingWindowMs
  const running = (): Promise<boolean> => session.call('drainRunning', undefined, z.boolean())
  while (performance.now() < until && (await running())) await typeOneName()
  const drain: DrainResult = await session.call('finishDrain', undefined, drainResultSchema)
  await profile.stop()
  const busy = await session.call(
    'takeTypingSamples',
    { since: drainStartedAt },
    typingSamplesSchema
  )

  const idleLatency = summarize(idle.latencyMs)
  const busyLatency = summarize(busy.latencyMs)
  const ratio = busyLatency.p95 / idleLatency.p95
  const longTasks = busy.longTasksMs
  const drainNote = drain.stoppedAtDeadline
    ? `typed for ${Math.round(config.typingWindowMs / 1000)} s while the drain sent ${drain.sent} of ${drain.items} items`
    : `typed until the drain of ${drain.items} items ended, after ${Math.round(drain.ms)} ms`
  return [
    {
      id: 'search-while-draining',
      name: `search keystroke-to-result while draining ${config.drainItems.toLocaleString('en')}`,
      unit: 'ms',
      value: busyLatency,
      baseline: { name: 'the same typing with the outbox idle', value: idleLatency },
      ratio: { value: ratio, of: 'p95 / baseline p95' },
      target: `<= ${MAX_RATIO}x`,
      met: ratio <= MAX_RATIO,
      details: { drain: drainNote, idleLongTasksMs: idle.longTasksMs }
    },
    {
      id: 'long-tasks-while-draining',
      name: `main-thread tasks over ${LONG_TASK_MS} ms while draining`,
      unit: 'tasks',
      value: { median: longTasks.length, p95: longTasks.length, samples: 1 },
      target: 'none',
      met: longTasks.length === 0,
      details: {
        longestMs: longTasks.length > 0 ? Math.max(...longTasks) : 0,
        totalMs: longTasks.reduce((sum, ms) => sum + ms, 0),
        drain: drainNote
      }
    }
  ]
}
