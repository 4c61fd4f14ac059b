import type { app, BrowserWindow, dialog, webContents } from 'electron'
import { DeskError } from '../shared/errors'
import type { SheetsService } from './service-contracts'
import { createSheetsPdfSaver } from './sheets/save-sheets-pdf'

/** The parts of Electron the call sheets use, handed in by index.ts (the one file that imports electron). */
export interface SheetsElectron {
  app: typeof app
  BrowserWindow: typeof BrowserWindow
  dialog: typeof dialog
  webContents: typeof webContents
}

/** The call sheets' "Save as PDF" wired to Electron: printToPDF and the save dialog. */
export function startSheets(
  log: { info(message: string): void },
  { app, BrowserWindow, dialog, webContents }: SheetsElectron
): SheetsService {
  return createSheetsPdfSaver({
    printPdf: async (senderId) => {
      const contents = webContents.fromId(senderId)
      if (!contents) throw new DeskError('the window has closed')
      // The page's @page rule sets the paper and margins; backgrounds draw the tick boxes.
      return contents.printToPDF({ printBackground: true, preferCSSPageSize: true })
    },
    chooseFile: async (defaultPath) => {
      const window = BrowserWindow.getFocusedWindow()
      const choice = {
        title: 'Save call sheets',
        defaultPath,
        filters: [{ name: 'PDF files', extensions: ['pdf'] }]
      }
      const result = window
        ? await dialog.showSaveDialog(window, choice)
        : await dialog.showSaveDialog(choice)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    defaultFolder: app.getPath('documents'),
    log
  })
}
