import type { ChangeRequest } from '$shared/change-request'
import type { OutboxItem, OutboxItemSummary } from '$shared/outbox/outbox-item'

/**
 * What the capture driver page and the Node side agree on. The driver is a harness-only
 * page on the app's origin (so it shares the app's IndexedDB) that captures results through
 * the renderer's real outbox code, without the screens.
 */

/** Where the harness build puts the page, relative to the renderer's build folder. */
export const CAPTURE_DRIVER_FOLDER = 'harness-capture-driver'
export const CAPTURE_DRIVER_PAGE = `${CAPTURE_DRIVER_FOLDER}/capture-driver.html`

/** The page's API, on `window`. */
export const CAPTURE_DRIVER_GLOBAL = 'captureDriver'

/** Playwright binding the page calls the moment a capture has committed. */
export const SAVED_BINDING = '__captureDriverSaved'

export interface CaptureEntry {
  /** The test's name for this capture, handed back in its SavedReport. */
  tag: string
  body: ChangeRequest
  summary: OutboxItemSummary
}

/** One capture that resolved: from now on the clerk was told it is saved. */
export interface SavedReport {
  tag: string
  id: string
  idempotencyKey: string
  sequence: number
}

export interface DriverOpenOptions {
  /**
   * Also run the real delivery here (openSiteStates().start()), for a page whose app window
   * does not deliver. The suites leave it false: the app's own page delivers, as in
   * production, and two delivering windows would compete for the sender.
   */
  deliver: boolean
}

export interface CaptureDriverApi {
  /** Opens the signed-in site's outbox; resolves to its site key. */
  open(options: DriverOpenOptions): Promise<string>
  /** Captures one by one, each reported through SAVED_BINDING as it commits; resolves to the count. */
  captureMany(entries: CaptureEntry[], capturedBy: string): Promise<number>
  listAll(): Promise<OutboxItem[]>
  /** The last delivery failure the outbox state kept, or null. */
  deliveryError(): string | null
}
