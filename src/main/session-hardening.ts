import { messageOf } from '../shared/errors'
import { originOf } from '../shared/bridge/origin'
import type { ExternalLinks } from './service-contracts'

/**
 * The page's limits, applied from outside it. Each function takes the Electron object it
 * hardens as a parameter (structurally), so a test can hand in a recorder.
 */

/** Also in src/renderer/index.html as a meta tag; a test keeps the two the same. */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

export interface PermissionSessionLike {
  setPermissionRequestHandler(
    handler: (
      webContents: unknown,
      permission: string,
      callback: (granted: boolean) => void
    ) => void
  ): void
  setPermissionCheckHandler(handler: (webContents: unknown, permission: string) => boolean): void
  setDevicePermissionHandler?(handler: (details: unknown) => boolean): void
}

/** The app needs no camera, microphone, location, notifications or devices: all are denied. */
export function denyAllPermissions(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false))
  session.setPermissionCheckHandler(() => false)
  session.setDevicePermissionHandler?.(() => false)
}

export interface PreventableEvent {
  preventDefault(): void
}

export interface WebContentsLike {
  on(
    event: 'will-navigate' | 'will-redirect',
    listener: (event: PreventableEvent & { url?: string }, url: string) => void
  ): unknown
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' | 'allow' }): void
}

export interface WebContentsHardening {
  /** `app://desk`, or the dev server's origin under `electron-vite dev`. */
  appOrigin: string
  externalLinks: ExternalLinks
  warn?: (message: string) => void
}

/**
 * The page stays on the app's origin: it cannot navigate away, open windows or embed
 * webviews. A link the clerk clicks goes to the system browser when it is allowlisted.
 */
export function hardenWebContents(contents: WebContentsLike, options: WebContentsHardening): void {
  const warn = options.warn ?? ((message: string) => console.warn(message))

  const sendOutside = (url: string): void => {
    if (!/^https?:/i.test(url)) return
    options.externalLinks.open(url).catch((error: unknown) => {
      warn(`Link not opened: ${messageOf(error)}`)
    })
  }

  const keepOnAppOrigin = (event: PreventableEvent & { url?: string }, url: string): void => {
    const target = event.url ?? url
    if (originOf(target) === options.appOrigin) return
    event.preventDefault()
    sendOutside(target)
  }
  contents.on('will-navigate', keepOnAppOrigin)
  contents.on('will-redirect', keepOnAppOrigin)

  contents.setWindowOpenHandler(({ url }) => {
    sendOutside(url)
    return { action: 'deny' }
  })

  contents.on('will-attach-webview', (event) => event.preventDefault())
}
