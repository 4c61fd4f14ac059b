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
import {
  allNotAttempted,
  CLOSING_MESSAGE,
  OTHER_SITE_MESSAGE,
  postBatch,
  STOPPED_MESSAGE,
  type BatchOut
} from './batch-posting'
import { createIdleSignal } from './idle-signal'
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
  vault: Pick<CredentialVault, 'currentSite'>
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
  /**
   * Resolves true once no batch is out and the page has written the answers of the last one
   * (it reports after writing them), or false when `timeoutMs` ran out first.
   */
  whenIdle(timeoutMs: number): Promise<boolean>
  /**
   * The app is about to quit: the batch that is out starts no new request, no new batch is
   * sent and the page is not woken. Returns the undo, for a quit that was called off.
   */
  holdForQuit(): () => void
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
  let batchOut: BatchOut | undefined
  /** The window whose last batch's answers are not yet known to be written. */
  let answersUnwrittenBy: number | undefined
  let unsavedAnswers = 0
  /** Set while a quit waits for the batch to settle: why nothing more is sent. */
  let closing: string | undefined
  const idle = createIdleSignal(clock)
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

  function isIdle(): boolean {
    return batchOut === undefined && answersUnwrittenBy === undefined && unsavedAnswers === 0
  }

  function notifyIfIdle(): void {
    if (isIdle()) idle.notify()
  }

  function wake(reason: WakeReason): void {
    if (disposed || closing !== undefined) return
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
    if (disposed || paused || closing !== undefined || dueAt === null) return
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
    signInsAtStart: number,
    batch: BatchOut
  ): Promise<SendBatchResult> {
    const { results, stoppedBy401 } = await postBatch({
      client: options.client,
      credentials,
      items,
      batch,
      concurrency,
      logger,
      onAccepted: () => {
        lastSuccessAt = clock.now()
      }
    })
    // A sign-in that happened while this batch was out has new credentials: no pause.
    if (stoppedBy401 !== undefined && signIns === signInsAtStart) {
      pause('Paused: the site refused the username or password. Sign in again to go on sending.')
    }
    return { results, paused: stoppedBy401 !== undefined }
  }

  /**
   * The credentials are read once per batch, in one read with their site's key: a sign-in
   * that lands while the batch is out neither aims the rest of it elsewhere nor lets a batch
   * of the old site go out under the new site's credentials.
   */
  async function sendChecked(batch: BatchOut, items: SendItem[]): Promise<SendBatchResult> {
    if (paused) return allNotAttempted(items, pauseReason ?? 'Not sent: sending is paused', true)
    const signInsAtStart = signIns
    const credentials = await options.vault.currentSite()
    if (!credentials) {
      pause('Paused: nobody is signed in. Sign in to send.')
      return allNotAttempted(items, 'Not sent: nobody is signed in', true)
    }
    if (!credentials.sameSiteKeys.includes(batch.siteKey)) {
      // Not a pause: the signed-in site's own outbox may go on sending.
      logger.warn('delivery: a batch for a site other than the signed-in one was not sent')
      return allNotAttempted(items, OTHER_SITE_MESSAGE, false)
    }
    if (batch.stopReason !== undefined) return allNotAttempted(items, batch.stopReason, false)
    const successBefore = lastSuccessAt
    const result = await sendAll(credentials, items, signInsAtStart, batch)
    if (lastSuccessAt !== successBefore) emit()
    return result
  }

  return {
    async sendBatch({ siteKey, items }, senderId) {
      if (batchOut !== undefined) {
        throw new SenderBusyError(
          batchOut.senderId === senderId
            ? 'This window is still sending its previous batch; the new one waits for it'
            : 'Another window is sending the outbox right now; this one will try again shortly'
        )
      }
      if (disposed) return allNotAttempted(items, 'Not sent: the app is closing', true)
      const batch: BatchOut = { siteKey, senderId, ...(closing ? { stopReason: closing } : {}) }
      batchOut = batch
      try {
        return await sendChecked(batch, items)
      } finally {
        batchOut = undefined
        // Idle again once the page has written these answers and reported.
        answersUnwrittenBy = senderId
      }
    },

    stop(siteKey, senderId) {
      if (batchOut?.siteKey !== siteKey || batchOut.senderId !== senderId) return
      batchOut.stopReason ??= STOPPED_MESSAGE
      logger.info('delivery: the page stopped sending this site; the batch that is out ends early')
    },

    report(report, senderId) {
      lastReport = report
      unsavedAnswers = report.unsavedAnswers ?? 0
      // The page reports after writing a run's answers, so the last batch's are on disk; a
      // capture's report (captured) says nothing of them.
      if (answersUnwrittenBy === senderId && !report.captured) answersUnwrittenBy = undefined
      if (report.captured) wake('captured')
      armRetryTimer()
      notifyIfIdle()
    },

    whenIdle(timeoutMs) {
      return isIdle() ? Promise.resolve(true) : idle.wait(timeoutMs)
    },

    holdForQuit() {
      closing = CLOSING_MESSAGE
      if (batchOut) batchOut.stopReason ??= CLOSING_MESSAGE
      clearRetryTimer()
      return () => {
        closing = undefined
        wake('manual')
        armRetryTimer()
      }
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
