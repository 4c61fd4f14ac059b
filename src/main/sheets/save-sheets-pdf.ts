import { writeFile } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type { SavePdfRequest, SavePdfResult } from '../../shared/bridge/channels'
import { DeskError } from '../../shared/errors'
import type { SheetsService } from '../service-contracts'

export interface SheetsPdfSaverOptions {
  /** Asks where to save (Electron's save dialog); null when the clerk cancels. */
  chooseFile(defaultPath: string): Promise<string | null>
  /** The asking window, printed as its print styles show it (webContents.printToPDF). */
  printPdf(senderId: number): Promise<Uint8Array>
  /** The folder offered first (the documents folder). */
  defaultFolder: string
  log: { info(message: string): void }
}

/**
 * "Save as PDF" of the call sheets: the page lays the sheets out with its print styles, the
 * main process prints that window and writes the file where the clerk chose. The window is
 * printed before the dialog opens, so what is saved is what the clerk saw when asking.
 */
export function createSheetsPdfSaver(options: SheetsPdfSaverOptions): SheetsService {
  return {
    async savePdf(request: SavePdfRequest, senderId: number): Promise<SavePdfResult> {
      let pdf: Uint8Array
      try {
        pdf = await options.printPdf(senderId)
      } catch (error) {
        throw new DeskError(
          `The call sheets could not be turned into a PDF (${reasonOf(error)}). Try Print instead and choose "Save as PDF" there.`
        )
      }
      const name = request.suggestedName.toLowerCase().endsWith('.pdf')
        ? request.suggestedName
        : `${request.suggestedName}.pdf`
      const path = await options.chooseFile(join(options.defaultFolder, name))
      if (!path) return { saved: false }
      try {
        await writeFile(path, pdf)
      } catch (error) {
        throw new DeskError(
          `The PDF could not be saved there (${reasonOf(error)}). Choose another folder, such as Documents.`
        )
      }
      options.log.info(`sheets: saved a PDF of ${pdf.length} bytes`)
      return { saved: true, fileName: basename(path) }
    }
  }
}

function reasonOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  return typeof code === 'string' ? code : 'an error'
}
