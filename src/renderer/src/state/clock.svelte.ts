/**
 * "Now" for the screens, moved on every half minute: ages ("the oldest for 5 minutes"),
 * overdue marks and the data's freshness follow the clock without each screen keeping a timer.
 */
export class Clock {
  #now = $state(0)
  readonly #read: () => number
  readonly #everyMs: number
  #timer: ReturnType<typeof setInterval> | undefined
  #listeners: Array<(now: number) => void> = []

  constructor(read: () => number = Date.now, everyMs = 30_000) {
    this.#read = read
    this.#everyMs = everyMs
    this.#now = read()
  }

  get now(): number {
    return this.#now
  }

  /** Called on each tick, e.g. to move the connections list's "today" on at midnight. */
  onTick(listener: (now: number) => void): () => void {
    this.#listeners = [...this.#listeners, listener]
    return () => {
      this.#listeners = this.#listeners.filter((other) => other !== listener)
    }
  }

  tick(): void {
    this.#now = this.#read()
    for (const listener of this.#listeners) listener(this.#now)
  }

  start(): void {
    this.stop()
    this.#timer = setInterval(() => this.tick(), this.#everyMs)
  }

  stop(): void {
    if (this.#timer !== undefined) clearInterval(this.#timer)
    this.#timer = undefined
  }
}
