/**
 * Injected latency, cut short when the site closes: a closing site should not wait out
 * a two-second fault delay before the process can exit.
 */
export class PendingDelays {
  private readonly waiting = new Map<NodeJS.Timeout, () => void>()

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(timer)
        resolve()
      }, ms)
      this.waiting.set(timer, resolve)
    })
  }

  cancelAll(): void {
    for (const [timer, resolve] of this.waiting) {
      clearTimeout(timer)
      resolve()
    }
    this.waiting.clear()
  }
}
