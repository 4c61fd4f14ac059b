import type { DeliveryState } from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import type { DeskError } from '$shared/errors'
import { describeAge } from './describe-age'
import type { SendProgress } from './outbox-state.svelte'

/** What the status bar reads from the outbox (OutboxState in the app). */
export interface OutboxStatusSource {
  readonly count: number
  readonly oldestCapturedAt: number | null
  readonly sending: boolean
  readonly progress: SendProgress | null
  readonly error: DeskError | null
  /** Results this start put back from the backup copy, after the outbox was lost. */
  readonly restoredCount: number
}

/** What the status bar reads from the reference data (ReferenceState in the app). */
export interface ReferenceStatusSource {
  readonly dataAsOf: number | null
  readonly refreshing: boolean
  isStale(now: number): boolean
}

export interface StatusStateOptions {
  desk: Pick<DeskApi, 'delivery'>
  outbox: OutboxStatusSource
  reference: ReferenceStatusSource
  formatTime?: (at: number) => string
}

/**
 * The status bar: online or not, paused or not, how many results wait and for how long,
 * the last successful send, progress while sending, and how fresh the reference data is.
 * Online and paused come from the main process, which sees the network and the 401s.
 */
export class StatusState {
  #delivery = $state.raw<DeliveryState>({ online: true, paused: false, lastSuccessAt: null })
  readonly #desk: Pick<DeskApi, 'delivery'>
  readonly #outbox: OutboxStatusSource
  readonly #reference: ReferenceStatusSource
  readonly #formatTime: (at: number) => string
  #unsubscribe: (() => void) | undefined

  constructor(options: StatusStateOptions) {
    this.#desk = options.desk
    this.#outbox = options.outbox
    this.#reference = options.reference
    this.#formatTime = options.formatTime ?? localTime
  }

  get online(): boolean {
    return this.#delivery.online
  }

  get paused(): boolean {
    return this.#delivery.paused
  }

  get pauseReason(): string | undefined {
    return this.#delivery.pauseReason
  }

  get lastSuccessAt(): number | null {
    return this.#delivery.lastSuccessAt
  }

  get waitingCount(): number {
    return this.#outbox.count
  }

  get sending(): boolean {
    return this.#outbox.sending
  }

  get progress(): SendProgress | null {
    return this.#outbox.progress
  }

  get deliveryError(): DeskError | null {
    return this.#outbox.error
  }

  get restoredCount(): number {
    return this.#outbox.restoredCount
  }

  get dataAsOf(): number | null {
    return this.#reference.dataAsOf
  }

  get refreshingData(): boolean {
    return this.#reference.refreshing
  }

  oldestWaitingAgeMs(now: number): number | null {
    const oldest = this.#outbox.oldestCapturedAt
    return oldest === null ? null : Math.max(0, now - oldest)
  }

  isDataStale(now: number): boolean {
    return this.#reference.isStale(now)
  }

  /** Asks the main process for the delivery state and follows its changes. */
  async start(): Promise<void> {
    this.stop()
    this.#unsubscribe = this.#desk.delivery.onStateChanged((state) => {
      this.#delivery = state
    })
    this.#delivery = await this.#desk.delivery.state()
  }

  stop(): void {
    this.#unsubscribe?.()
    this.#unsubscribe = undefined
  }

  /** The status bar's sentence, e.g. "Offline — 3 results waiting, the oldest for 2 hours". */
  headline(now: number): string {
    const parts: string[] = []
    if (this.paused) parts.push(this.pauseReason ?? 'Paused: sign in again')
    else if (!this.online) parts.push('Offline')
    else if (this.sending && this.progress) {
      parts.push(`Sending ${this.progress.done} of ${this.progress.total}`)
    } else parts.push('Online')

    const waiting = this.waitingCount
    const age = this.oldestWaitingAgeMs(now)
    if (waiting === 0) parts.push('everything is sent')
    else {
      const results = waiting === 1 ? '1 result waiting' : `${waiting} results waiting`
      parts.push(age === null ? results : `${results}, the oldest for ${describeAge(age)}`)
    }
    if (this.lastSuccessAt !== null) {
      parts.push(`last sent ${this.#formatTime(this.lastSuccessAt)}`)
    }
    const asOf = this.dataAsOf
    parts.push(
      asOf === null
        ? 'reference data not downloaded yet'
        : `data as of ${this.#formatTime(asOf)}${this.isDataStale(now) ? ' (over a day old)' : ''}`
    )
    return parts.join(' — ')
  }
}

function localTime(at: number): string {
  return new Date(at).toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'short' })
}
