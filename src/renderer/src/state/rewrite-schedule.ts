/** The first rewrite of answers a write refused, and the longest wait between two. */
export const REWRITE_FIRST_DELAY_MS = 1_000
export const REWRITE_MAX_DELAY_MS = 30_000

/**
 * When to write again what the storage refused (a full disk, a closed database): soon at
 * first, then less and less often, until a write goes through. Also tells whoever waits
 * for every answer to be saved (a sign-out) when none is left.
 */
export class RewriteSchedule {
  readonly #run: () => Promise<void>
  #timer: ReturnType<typeof setTimeout> | undefined
  #failures = 0
  #waiters: Array<() => void> = []
  #disposed = false

  constructor(run: () => Promise<void>) {
    this.#run = run
  }

  /** A write was refused: `run` again after a pause that grows with each failure. */
  failed(): void {
    if (this.#disposed || this.#timer !== undefined) return
    const delay = Math.min(
      REWRITE_MAX_DELAY_MS,
      REWRITE_FIRST_DELAY_MS * 2 ** Math.min(this.#failures++, 16)
    )
    this.#timer = setTimeout(() => {
      this.#timer = undefined
      void this.#run()
    }, delay)
  }

  /** A write went through; `unsaved` answers are still waiting (0: all are saved). */
  succeeded(unsaved: number): void {
    this.#failures = 0
    if (unsaved === 0) this.#release()
  }

  /** Resolves once nothing is left unsaved (or this schedule is disposed of). */
  whenSaved(unsaved: number): Promise<void> {
    if (unsaved === 0 || this.#disposed) return Promise.resolve()
    return new Promise((resolve) => this.#waiters.push(resolve))
  }

  dispose(): void {
    this.#disposed = true
    clearTimeout(this.#timer)
    this.#timer = undefined
    this.#release()
  }

  #release(): void {
    for (const resolve of this.#waiters.splice(0)) resolve()
  }
}
