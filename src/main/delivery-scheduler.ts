import type {
  DeliveryState,
  OutboxReport,
  SendBatchResult,
  SendItem,
  WakeReason
} from '../shared/bridge/channels'
import { SenderBusyError } from '../shared/errors'
import { BACKOFF_CAP_MS } from '../shared/outbox/backoff'
import type { DeliveryOutcome } from '../shared/outbox/delivery-outcome'
import { silentLogger, type ApiLogger } from './api/api-logger'
import type { CredentialVault, Credentials, DeliveryService } from './service-contracts'

/**
 * The main process's half of delivery: it decides when the page should send (wakes) and
 * does the sending (one batch at a time, a few requests in parallel). The page owns the
 * outbox and its state machine; this side holds no item between batches.
 */
export interface DeliveryClock {
  now(): number
  setTimeout(callback: () => void, delayMs: number): unknown
  clearTimeout(handle: unknown): void
}

export interface DeliverySchedulerOptions {
  client: {
    postChangeRequest(credentials: Credentials, item: SendItem): Promise<DeliveryOutcome>
  }
  vault: Pick<CredentialVault, 'current'>
  /** Tells the page to drain its outbox. */
  wake(reason: WakeReason): void
  onStateChanged(state: DeliveryState): void
  clock?: DeliveryClock
  /** Requests in flight at once within a batch. */
  concurrency?: number
  logger?: ApiLogger
}

export interface DeliveryScheduler extends DeliveryService {
  start(): void
  /** The OS's online flag: a hint that wakes the page, never a reason not to try. */
  setOnline(online: boolean): void
  /** The computer woke from sleep: timers may have slept through their due time. */
  onResume(): void
  /** The page's last count of unsent items, for the quit confirmation. */
  unsentCount(): number
  dispose(): void
}

export const DEFAULT_CONCURRENCY = 4
/** setTimeout's longest delay; a due time further out is reached in steps. */
const MAX_TIMER_DELAY_MS = 2 ** 31 - 1
/**
 * When the page reports a due time it was already woken for, it found nothing to send
 * then (another window held the lock, say). Waking it again at once would spin; this
 * spaces such repeats out.
 */
export const REPEATED_DUE_DELAY_MS = 30_000

/** Timers may fire a little early or late on the wall clock; a jump is more than this. */
const CLOCK_SLACK_MS = 1_000

const realClock: DeliveryClock = {
  now: () => Date.now(),
  setTimeout: (callback, delayMs) => setTimeout(callback, delayMs),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
}

export function createDeliveryScheduler(options: DeliverySchedulerOptions): DeliveryScheduler {
  const clock = options.clock ?? realClock
  const concurrency = Math.max(1, Math.floor(options.concurrency ?? DEFAULT_CONCURRENCY))
  const logger = options.logger ?? silentLogger

  let online = true
  let paused = false
  let pauseReason: string | undefined
  let lastSuccessAt: number | null = null
  let busySender: number | undefined
  /** Counts sign-ins, so a 401 to a request sent before the newest sign-in is not a pause. */
  let signIns = 0
  let lastReport: OutboxReport = { unsentCount: 0, nextDueAt: null, captured: false }
  let retryTimer: unknown
  let firedDueAt: number | null = null
  let disposed = false

  function state(): DeliveryState {
    return { online, paused, ...(pauseReason ? { pauseReason } : {}), lastSuccessAt }
  }

  function emit(): void {
    if (!disposed) options.onStateChanged(state())
  }

  function wake(reason: WakeReason): void {
    if (disposed) return
    // Paused, a send can only come back "not attempted"; sign-in (resume) wakes the page.
    if (paused && reason !== 'signed-in') return
    logger.info(`delivery: wake (${reason})`)
    options.wake(reason)
  }

  function pause(reason: string): void {
    if (paused && pauseReason === reason) return
    paused = true
    pauseReason = reason
    clearRetryTimer()
    logger.warn('delivery: paused until the next sign-in')
    emit()
  }

  function clearRetryTimer(): void {
    if (retryTimer === undefined) return
    clock.clearTimeout(retryTimer)
    retryTimer = undefined
  }

  function armRetryTimer(): void {
    clearRetryTimer()
    const dueAt = lastReport.nextDueAt
    if (disposed || paused || dueAt === null) return
    const armedAt = clock.now()
    let delay = Math.min(Math.max(dueAt - armedAt, 0), MAX_TIMER_DELAY_MS)
    if (dueAt === firedDueAt) delay = Math.max(delay, REPEATED_DUE_DELAY_MS)
    retryTimer = clock.setTimeout(() => {
      retryTimer = undefined
      const now = clock.now()
      // A long delay is reached in steps; a clock moved back shows up here too. Moved back
      // so far that the due time lies beyond the backoff cap, the clock was ahead when the
      // page set it: the page reads its due times again against the clock as it is now.
      const setBack = now - armedAt < delay - CLOCK_SLACK_MS && dueAt - now > BACKOFF_CAP_MS
      if (now < dueAt && !setBack) return armRetryTimer()
      firedDueAt = dueAt
      wake('retry-due')
    }, delay)
  }

  async function sendAll(
    credentials: Credentials,
    items: SendItem[],
    signInsAtStart: number
  ): Promise<SendBatchResult> {
    const outcomes: Array<DeliveryOutcome | undefined> = new Array(items.length)
    let next = 0
    let stoppedBy401: string | undefined
    const worker = async (): Promise<void> => {
      while (stoppedBy401 === undefined && next < items.length) {
        const index = next++
        const item = items[index]
        if (!item) continue
        const outcome = await postSafely(credentials, item)
        outcomes[index] = outcome
        if (outcome.kind === 'accepted') lastSuccessAt = clock.now()
        if (outcome.kind === 'unauthorized') stoppedBy401 ??= outcome.message
      }
    }
    await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker))
    const notTried: DeliveryOutcome = {
      kind: 'not-attempted',
      message: 'Not sent: the queue paused because the site refused the sign-in'
    }
    const results = items.map((item, index) => ({
      id: item.id,
      outcome: outcomes[index] ?? notTried
    }))
    // A sign-in that happened while this batch was out has new credentials: no pause.
    if (stoppedBy401 !== undefined && signIns === signInsAtStart) {
      pause('Paused: the site refused the username or password. Sign in again to go on sending.')
    }
    return { results, paused: stoppedBy401 !== undefined }
  }

  async function postSafely(credentials: Credentials, item: SendItem): Promise<DeliveryOutcome> {
    try {
      return await options.client.postChangeRequest(credentials, item)
    } catch (error) {
      // The client classifies all network trouble; a throw is a fault in the app. The
      // request may have gone out, so the item is treated as possibly delivered.
      const name = error instanceof Error ? error.name : typeof error
      logger.warn(`delivery: item ${item.id} failed inside the app (${name})`)
      return {
        kind: 'no-answer',
        message: `Sending failed inside the app (${name}); the result may have arrived and will be checked again.`
      }
    }
  }

  function allNotAttempted(items: SendItem[], message: string): SendBatchResult {
    return {
      results: items.map((item) => ({ id: item.id, outcome: { kind: 'not-attempted', message } })),
      paused: true
    }
  }

  return {
    async sendBatch(items, senderId) {
      if (busySender !== undefined) {
        throw new SenderBusyError(
          busySender === senderId
            ? 'This window is still sending its previous batch; the new one waits for it'
            : 'Another window is sending the outbox right now; this one will try again shortly'
        )
      }
      if (disposed) return allNotAttempted(items, 'Not sent: the app is closing')
      busySender = senderId
      try {
        if (paused) return allNotAttempted(items, pauseReason ?? 'Not sent: sending is paused')
        const signInsAtStart = signIns
        const credentials = await options.vault.current()
        if (!credentials) {
          pause('Paused: nobody is signed in. Sign in to send.')
          return allNotAttempted(items, 'Not sent: nobody is signed in')
        }
        const successBefore = lastSuccessAt
        const result = await sendAll(credentials, items, signInsAtStart)
        if (lastSuccessAt !== successBefore) emit()
        return result
      } finally {
        busySender = undefined
      }
    },

    report(report, _senderId) {
      lastReport = report
      if (report.captured) wake('captured')
      armRetryTimer()
    },

    state,

    resume() {
      signIns++
      firedDueAt = null
      if (paused) {
        paused = false
        pauseReason = undefined
        emit()
      }
      wake('signed-in')
      armRetryTimer()
    },

    start() {
      wake('start')
    },

    setOnline(isOnline) {
      if (isOnline === online) return
      online = isOnline
      emit()
      if (isOnline) wake('online')
    },

    onResume() {
      firedDueAt = null
      wake('resume')
      armRetryTimer()
    },

    unsentCount: () => lastReport.unsentCount,

    dispose() {
      disposed = true
      clearRetryTimer()
    }
  }
}
