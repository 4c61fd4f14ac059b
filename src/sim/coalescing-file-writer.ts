import { open, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'

let temporaryCounter = 0

/**
 * Replaces a file so that a reader (or a crash) only ever sees the old or the new whole
 * file: write a temporary file in the same folder, fsync it, then rename it over.
 */
export async function writeFileAtomically(path: string, text: string): Promise<void> {
  const temporary = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${++temporaryCounter}.tmp`
  )
  try {
    const handle = await open(temporary, 'w')
    try {
      await handle.writeFile(text, 'utf8')
      await handle.sync()
    } finally {
      await handle.close()
    }
    await rename(temporary, path)
  } catch (error) {
    await rm(temporary, { force: true })
    throw error
  }
}

/**
 * Saves the latest snapshot without making anyone wait: at most one write is in flight,
 * and requests to save while it runs fold into one more write of the newest state. Under
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
          await writeFileAtomically(this.path, this.snapshot())
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
