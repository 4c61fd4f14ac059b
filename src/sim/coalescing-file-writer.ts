import { writeFile } from 'atomically'

/**
 * Saves the latest snapshot without making anyone wait: at most one write is in flight,
 * and requests to save while it runs fold into one more write of the newest state. Each
 * write goes through `atomically` (which electron-store already uses): a temporary file,
 * fsynced, renamed over, so a reader or a crash sees the old or the new whole file. Under
 * a steady stream of changes, writes are spaced `pauseMs` apart, so that serializing a
 * long log does not crowd out answering requests.
 */
export class CoalescingFileWriter {
  private inFlight: Promise<void> | undefined
  private wanted = false
  private lastFailure: unknown
  /** Ends the pause between writes early; set while one is running. */
  private endPause: (() => void) | undefined

  constructor(
    private readonly path: string,
    private readonly snapshot: () => string,
    private readonly onFailure: (error: unknown) => void,
    private readonly pauseMs = 50
  ) {}

  schedule(): void {
    this.wanted = true
    this.inFlight ??= this.drain()
  }

  /** Resolves once everything scheduled so far is on disk; rejects if the last write failed. */
  async flush(): Promise<void> {
    while (this.inFlight) {
      this.endPause?.()
      await this.inFlight
    }
    if (this.lastFailure !== undefined) throw this.lastFailure
  }

  private async drain(): Promise<void> {
    try {
      while (this.wanted) {
        this.wanted = false
        try {
          await writeFile(this.path, this.snapshot(), 'utf8')
          this.lastFailure = undefined
        } catch (error) {
          this.lastFailure = error
          this.onFailure(error)
        }
        if (this.wanted) await this.pauseBeforeNextWrite()
      }
    } finally {
      this.inFlight = undefined
    }
  }

  private pauseBeforeNextWrite(): Promise<void> {
    return new Promise((resolve) => {
      // A flush (the site is closing) writes at once instead of waiting out the pause.
      const end = (): void => {
        clearTimeout(timer)
        this.endPause = undefined
        resolve()
      }
      const timer = setTimeout(end, this.pauseMs)
      this.endPause = end
    })
  }
}
