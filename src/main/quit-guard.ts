import type { DeliveryScheduler } from './delivery-scheduler'

/**
 * How long a quit waits for the batch that is out to be answered and its answers written.
 * A request is cut off by the client after 30 s anyway; an answer that comes later is
 * checked again at the next start (the item comes back as "may have arrived").
 */
export const QUIT_WAIT_MS = 15_000

export interface QuitGuardOptions {
  delivery: Pick<DeliveryScheduler, 'whenIdle' | 'holdForQuit'>
  /** Asks the clerk whether to close while results wait (quitConfirmation); true closes. */
  confirmClose(): boolean
  waitMs?: number
  warn?: (message: string) => void
}

/**
 * close: let the window close. stay: the clerk chose to keep the app open. wait: keep the
 * window (hidden) until the batch that is out is answered and its answers are written.
 */
export type CloseDecision = 'close' | 'stay' | 'wait'

export interface QuitGuard {
  /**
   * The window was asked to close. On 'wait', `closeAgain` is called once delivery is idle
   * (or the wait ran out), and the close that follows goes through.
   */
  onClose(closeAgain: () => void): CloseDecision
  /**
   * The app was launched again. A quit that was waiting is called off (the clerk wants the
   * app, so delivery goes on); the caller shows the window either way.
   */
  onSecondLaunch(): void
}

/**
 * The quit's decisions, apart from Electron: index.ts only hides, closes and shows the
 * window as told. Answers in flight outlive the window: the page writes them before it goes.
 */
export function createQuitGuard(options: QuitGuardOptions): QuitGuard {
  const waitMs = options.waitMs ?? QUIT_WAIT_MS
  const warn = options.warn ?? ((message: string) => console.warn(message))
  let state: 'open' | 'waiting' | 'closing' = 'open'
  let release: (() => void) | undefined
  /** Counts waits, so a wait that was called off cannot close the window later. */
  let waits = 0

  return {
    onClose(closeAgain) {
      if (state === 'closing') return 'close'
      if (state === 'waiting') return 'wait'
      if (!options.confirmClose()) return 'stay'
      state = 'waiting'
      release = options.delivery.holdForQuit()
      const wait = ++waits
      void options.delivery.whenIdle(waitMs).then((idle) => {
        if (wait !== waits || state !== 'waiting') return
        if (!idle) {
          warn(
            `Closing with a delivery still unanswered after ${waitMs / 1000} s; those results are checked again at the next start`
          )
        }
        state = 'closing'
        release = undefined
        closeAgain()
      })
      return 'wait'
    },

    onSecondLaunch() {
      if (state !== 'waiting') return
      state = 'open'
      waits++
      release?.()
      release = undefined
    }
  }
}
