import type { OutboxSummary, UpdateState } from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import { OUTBOX_STATES } from '$shared/outbox/outbox-item'
import type { DeskError } from '$shared/errors'
import { toDeskError } from '$shared/errors'

/** What a diagnostics file says of the outbox when no site is open. */
export function emptyOutboxSummary(): OutboxSummary {
  return {
    countsByState: Object.fromEntries(
      OUTBOX_STATES.map((state) => [state, 0])
    ) as OutboxSummary['countsByState'],
    oldestUnsentAt: null
  }
}

/**
 * The app's care of itself, as the clerk sees it: the calm "update ready" notice and its
 * restart, and "Save diagnostics…" (from the page or from the menu).
 */
export class SupportState {
  #update = $state.raw<UpdateState>({ status: 'off' })
  #working = $state(false)
  #message = $state<string | null>(null)
  #error = $state.raw<DeskError | null>(null)
  readonly #desk: DeskApi
  readonly #outboxSummary: () => Promise<OutboxSummary>
  #unsubscribe: Array<() => void> = []

  constructor(desk: DeskApi, outboxSummary: () => Promise<OutboxSummary>) {
    this.#desk = desk
    this.#outboxSummary = outboxSummary
  }

  get update(): UpdateState {
    return this.#update
  }

  get updateReady(): boolean {
    return this.#update.status === 'ready'
  }

  /** Saving or restarting: the buttons wait. */
  get working(): boolean {
    return this.#working
  }

  /** What the last action came to, in plain words. */
  get message(): string | null {
    return this.#message
  }

  get error(): DeskError | null {
    return this.#error
  }

  async start(): Promise<void> {
    this.#unsubscribe.push(
      this.#desk.updates.onStateChanged((state) => {
        this.#update = state
      }),
      this.#desk.diagnostics.onRequested(() => void this.saveDiagnostics())
    )
    try {
      this.#update = await this.#desk.updates.state()
    } catch (error) {
      this.#error = toDeskError(error)
    }
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe) unsubscribe()
    this.#unsubscribe = []
  }

  async saveDiagnostics(): Promise<void> {
    await this.#run(async () => {
      const result = await this.#desk.diagnostics.save({ outbox: await this.#outboxSummary() })
      this.#message = result.saved
        ? `Diagnostics saved as ${result.fileName ?? 'a zip file'}. Send that file to whoever helps you with Connections Desk.`
        : null
    })
  }

  async restart(): Promise<void> {
    await this.#run(async () => {
      const result = await this.#desk.updates.restart()
      this.#message =
        result.kind === 'restarting' ? 'Restarting into the new version…' : (result.message ?? null)
    })
  }

  async #run(action: () => Promise<void>): Promise<void> {
    if (this.#working) return
    this.#working = true
    this.#message = null
    this.#error = null
    try {
      await action()
    } catch (error) {
      this.#error = toDeskError(error)
    } finally {
      this.#working = false
    }
  }
}
