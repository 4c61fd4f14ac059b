import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { DiagnosticsResult, OutboxSummary } from '../../shared/bridge/channels'
import { DeskError } from '../../shared/errors'
import { diagnosticsFileName, diagnosticsZip, type DiagnosticsFacts } from './diagnostics-bundle'

export interface DiagnosticsSaverOptions {
  /** Asks where to save (Electron's save dialog); null when the clerk cancels. */
  chooseFile(defaultPath: string): Promise<string | null>
  /** The folder offered first (the desktop). */
  defaultFolder: string
  /** Everything but the page's outbox counts, gathered at save time. */
  facts(): Omit<DiagnosticsFacts, 'outbox' | 'now'>
  now?: () => number
  log: { info(message: string): void }
}

/** "Save diagnostics…": one zip with the logs and the facts support asks for first. */
export function createDiagnosticsSaver(options: DiagnosticsSaverOptions) {
  const now = options.now ?? Date.now
  return async function saveDiagnostics(outbox: OutboxSummary): Promise<DiagnosticsResult> {
    const at = now()
    const path = await options.chooseFile(join(options.defaultFolder, diagnosticsFileName(at)))
    if (!path) return { saved: false }
    const zip = await diagnosticsZip({ ...options.facts(), outbox, now: at })
    try {
      await writeFile(path, zip)
    } catch (error) {
      const why = (error as NodeJS.ErrnoException).code ?? 'an error'
      throw new DeskError(
        `The diagnostics file could not be saved there (${why}). Choose another folder, such as Documents.`
      )
    }
    options.log.info(`diagnostics: saved ${basename(path)} (${zip.length} bytes)`)
    return { saved: true, fileName: basename(path) }
  }
}
