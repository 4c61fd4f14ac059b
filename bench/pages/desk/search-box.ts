import { SEARCH_BOX_ID } from '../../contract/desk-bench-api'
import { sharedIndex } from './people-in-memory'

const LONG_TASK_MS = 50

let box: HTMLInputElement | undefined
let latencyMs: number[] = []
let longTasks: Array<{ startTime: number; duration: number }> = []

/**
 * Each input event runs the search, as a typeahead does; its latency runs from the event's
 * timestamp (when the browser took the key) to the result, so time spent waiting behind
 * other main-thread work (a drain, say) counts. Long tasks are recorded alongside.
 */
export function showSearchBox(): void {
  if (box) return
  const index = sharedIndex()
  const input = document.createElement('input')
  input.id = SEARCH_BOX_ID
  input.setAttribute('aria-label', 'Search people')
  input.addEventListener('input', (event) => {
    index.search(input.value)
    latencyMs.push(performance.now() - event.timeStamp)
  })
  document.body.append(input)
  input.focus()
  box = input
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.duration > LONG_TASK_MS) {
        longTasks.push({ startTime: entry.startTime, duration: entry.duration })
      }
    }
  }).observe({ type: 'longtask' })
}

/** The samples so far, then a fresh start; long tasks that began before `since` are left out. */
export function takeTypingSamples(args: { since: number }): {
  latencyMs: number[]
  longTasksMs: number[]
} {
  const taken = {
    latencyMs,
    longTasksMs: longTasks
      .filter((task) => task.startTime >= args.since)
      .map((task) => task.duration)
  }
  latencyMs = []
  longTasks = []
  return taken
}
