import { app, BrowserWindow, dialog } from 'electron'
import { DeskError } from '../shared/errors'
import type { SheetsService } from './service-contracts'
import { createSheetsPdfSaver } from './sheets/save-sheets-pdf'

/** The call sheets' "Save as PDF" wired to Electron: printToPDF and the save dialog. */
export function startSheets(log: { info(message: string): void }): SheetsService {
  return createSheetsPdfSaver({
    printPdf: async (senderId) => {
      // The app's own windows only (the bridge already refused any other sender).
      const contents = BrowserWindow.getAllWindows().find(
        (window) => window.webContents.id === senderId
      )?.webContents
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
