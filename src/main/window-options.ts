/**
 * How the app's window is built and when it asks before closing. The options are plain
 * data (BrowserWindow takes them in index.ts), so a test can hold each one to account.
 */

export interface AppWindowOptions {
  width: number
  height: number
  minWidth: number
  minHeight: number
  title: string
  show: boolean
  webPreferences: {
    preload: string
    contextIsolation: true
    sandbox: true
    nodeIntegration: false
    nodeIntegrationInWorker: false
    nodeIntegrationInSubFrames: false
    webSecurity: true
    webviewTag: false
    allowRunningInsecureContent: false
    experimentalFeatures: false
    navigateOnDragDrop: false
    safeDialogs: true
    spellcheck: boolean
    /** Only in a development build: a built app has no DevTools at all, not just no menu item. */
    devTools: boolean
  }
}

export function appWindowOptions(
  preloadPath: string,
  build: { development: boolean } = { development: false }
): AppWindowOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 560,
    title: 'Connections Desk',
    // Shown on ready-to-show, so the clerk never sees a blank white frame.
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // A file dropped on the window must not replace the app with that file.
      navigateOnDragDrop: false,
      safeDialogs: true,
      // Comments are free text typed by clerks: spelling help is welcome.
      spellcheck: true,
      devTools: build.development
    }
  }
}

/** The arguments of dialog.showMessageBoxSync for the quit question. */
export interface QuitDialog {
  type: 'warning'
  title: string
  message: string
  detail: string
  buttons: [string, string]
  defaultId: number
  cancelId: number
}

/** Index of the button that closes anyway. */
export const QUIT_ANYWAY = 1

/**
 * Whether closing should ask first: unsent items stay safe on this computer, but they are
 * only sent while the app runs, and a clerk who closes at the end of a shift may not know.
 */
export function quitConfirmation(unsentCount: number): QuitDialog | null {
  if (!Number.isInteger(unsentCount) || unsentCount <= 0) return null
  const items = unsentCount === 1 ? '1 result has' : `${unsentCount} results have`
  return {
    type: 'warning',
    title: 'Unsent results',
    message: `${items} not been sent to Access ACS yet.`,
    detail:
      'They are kept safely on this computer and will be sent the next time Connections Desk is open and online.',
    buttons: ['Keep the app open', 'Close anyway'],
    defaultId: 0,
    cancelId: 0
  }
}
