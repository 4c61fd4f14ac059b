import type { EventChannelName, InvokeChannelName } from './channel-names'

/**
 * How a DeskApi reaches the main process: Electron's ipcRenderer in the app (guarded by the
 * preload, exposed to the page as `window.deskTransport`), or a test transport in the
 * browser harness. It carries raw envelopes and payloads only; all parsing happens in
 * buildDeskApi, in the page's own realm, so typed errors keep their class there.
 */
export interface DeskTransport {
  invoke(channel: InvokeChannelName, payload: unknown): Promise<unknown>
  /** Calls listener with each notice's payload; the returned function stops listening. */
  on(channel: EventChannelName, listener: (payload: unknown) => void): () => void
}

/** The name under which the preload exposes its transport to the page. */
export const DESK_TRANSPORT_GLOBAL = 'deskTransport'
