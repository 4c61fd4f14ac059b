import {
  DESK_BENCH_GLOBAL,
  type DeskBenchApi,
  type DrainResult
} from '../../contract/desk-bench-api'
import { bridgeFloor } from './bridge-floor'
import { downloadDirectory } from './directory'
import { drainOutbox, prepareDrain } from './drain'
import { drainWriteFloor } from './drain-write-floor'
import {
  closeDurableRawStore,
  openDurableRawStore,
  writeDurableRawAnswers
} from './durable-raw-writes'
import { prepareFirstScreen } from './first-screen-data'
import { deleteHistory, writeHistory } from './history-on-disk'
import { keystrokes } from './keystrokes'
import { signIn } from './page-context'
import { buildIndex, dropIndex, keepIndex, loadedPeople, loadPeople } from './people-in-memory'
import { saveLatency } from './save-latency'
import { dropPeerEngines, keepPeerEngine } from './search-peers'
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
  openDurableRawStore,
  writeDurableRawAnswers,
  closeDurableRawStore,
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
  keepPeerEngine,
  dropPeerEngines,
  keystrokes,
  typoRecall,
  pickNames: ({ count, seed }) => pickNames(loadedPeople(), count, seed),
  prepareFirstScreen,
  writeHistory,
  deleteHistory,
  showSearchBox,
  takeTypingSamples
}

Object.defineProperty(globalThis, DESK_BENCH_GLOBAL, { value: Object.freeze(api) })
