import {
  DESK_BENCH_GLOBAL,
  type DeskBenchApi,
  type DrainResult
} from '../../contract/desk-bench-api'
import { bridgeFloor } from './bridge-floor'
import { downloadDirectory } from './directory'
import { drainOutbox, prepareDrain } from './drain'
import { drainWriteFloor } from './drain-write-floor'
import { prepareFirstScreen } from './first-screen-data'
import { keystrokes } from './keystrokes'
import { signIn } from './page-context'
import { buildIndex, dropIndex, keepIndex, loadedPeople, loadPeople } from './people-in-memory'
import { saveLatency } from './save-latency'
import { showSearchBox, takeTypingSamples } from './search-box'
import { typoRecall } from './typo-recall'
import { pickNames } from './typing-script'
import { BenchError } from '../../bench-error'

let running: Promise<DrainResult> | undefined
let finished = false

const api: DeskBenchApi = {
  signIn: async () => ({ siteKey: await signIn() }),
  bridgeFloor,
  saveLatency,
  drain: drainOutbox,
  async startDrain(args) {
    if (running) throw new BenchError('A drain is already running on this page')
    finished = false
    // Queued and loaded before this returns, so the caller's clock starts with the drain.
    const drain = await prepareDrain(args)
    running = drain().finally(() => {
      finished = true
    })
    // Its failure is read by finishDrain; until then it must not count as unhandled.
    running.catch(() => {})
    return performance.now()
  },
  drainRunning: () => running !== undefined && !finished,
  drainWriteFloor,
  async finishDrain() {
    if (!running) throw new BenchError('No drain was started on this page')
    try {
      return await running
    } finally {
      running = undefined
    }
  },
  directory: downloadDirectory,
  loadPeople,
  buildIndex,
  keepIndex,
  dropIndex,
  keystrokes,
  typoRecall,
  pickNames: ({ count, seed }) => pickNames(loadedPeople(), count, seed),
  prepareFirstScreen,
  showSearchBox,
  takeTypingSamples
}

Object.defineProperty(globalThis, DESK_BENCH_GLOBAL, { value: Object.freeze(api) })
