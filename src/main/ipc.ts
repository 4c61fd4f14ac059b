import { INVOKE_CHANNEL_NAMES, type EventChannelName } from '../shared/bridge/channel-names'
import type { EventOf } from '../shared/bridge/channels'
import { failure, type Envelope } from '../shared/bridge/envelope'
import { originOf } from '../shared/bridge/origin'
import { parseEvent } from '../shared/bridge/parse'
import { ForbiddenSenderError } from '../shared/errors'
import type { BridgeHandler } from './bridge-handlers'

/** What the sender check reads off an IPC event. */
export interface SenderFacts {
  frameUrl: string | null
  frameIsNull: boolean
  webContentsId: number
}

/**
 * Only our own page may use the bridge: a live frame, on the app's origin, inside one of
 * our windows. A page that navigated away (or a frame injected into ours) is refused.
 */
export function isTrustedSender(
  facts: SenderFacts,
  trustedIds: Iterable<number>,
  appOrigin: string
): boolean {
  if (facts.frameIsNull || facts.frameUrl === null) return false
  if (originOf(facts.frameUrl) !== appOrigin) return false
  for (const id of trustedIds) if (id === facts.webContentsId) return true
  return false
}

/** The parts of Electron's IpcMainInvokeEvent the check reads. */
export interface InvokeEventLike {
  sender: { id: number }
  senderFrame: { url: string } | null
}

/** The part of Electron's ipcMain used here. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, payload: unknown) => unknown): void
  removeHandler(channel: string): void
}

export interface BridgeIpcOptions {
  ipcMain: IpcMainLike
  handler: BridgeHandler
  /** The webContents ids of the app's windows, asked afresh on every request. */
  trustedWebContentsIds: () => Iterable<number>
  /** `app://desk`, or the dev server's origin under `electron-vite dev`. */
  appOrigin: string
  warn?: (message: string) => void
}

/** One ipcMain.handle per invoke channel, each behind the sender check. Returns an undo. */
export function registerBridgeIpc(options: BridgeIpcOptions): () => void {
  const warn = options.warn ?? ((message: string) => console.warn(message))
  for (const channel of INVOKE_CHANNEL_NAMES) {
    options.ipcMain.handle(channel, (event, payload): Promise<Envelope<unknown>> => {
      const facts = senderFacts(event)
      if (!isTrustedSender(facts, options.trustedWebContentsIds(), options.appOrigin)) {
        // The payload is not logged: it may hold a password.
        warn(
          `Refused ${channel} from webContents ${facts.webContentsId} (${facts.frameIsNull ? 'no frame' : (facts.frameUrl ?? 'unreadable frame')})`
        )
        return Promise.resolve(
          failure(
            new ForbiddenSenderError(
              'This request did not come from a Connections Desk window, so it was refused'
            )
          )
        )
      }
      return options.handler(channel, payload, { id: facts.webContentsId })
    })
  }
  return () => {
    for (const channel of INVOKE_CHANNEL_NAMES) options.ipcMain.removeHandler(channel)
  }
}

function senderFacts(event: InvokeEventLike): SenderFacts {
  const webContentsId = event.sender.id
  try {
    // Electron throws when the frame was disposed while the request was in flight.
    const frame = event.senderFrame
    if (frame === null || frame === undefined) {
      return { frameUrl: null, frameIsNull: true, webContentsId }
    }
    return { frameUrl: frame.url, frameIsNull: false, webContentsId }
  } catch {
    return { frameUrl: null, frameIsNull: true, webContentsId }
  }
}

/** What sendBridgeEvent needs of a window's webContents. */
export interface EventTargetLike {
  isDestroyed(): boolean
  send(channel: string, payload: unknown): void
}

/**
 * Sends a notice to a window, parsed with the event's schema first so the page never gets
 * something it cannot read. A closed window is skipped: there is no one to tell.
 */
export function sendBridgeEvent<E extends EventChannelName>(
  target: EventTargetLike,
  channel: E,
  payload: EventOf<E>
): void {
  const event = parseEvent(channel, payload)
  if (target.isDestroyed()) return
  target.send(channel, event)
}
