import { isEventChannel, isInvokeChannel } from '../shared/bridge/channel-names'
import type { DeskTransport } from '../shared/bridge/desk-transport'
import { InvalidPayloadError } from '../shared/errors'

/** The part of Electron's ipcRenderer the transport uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown
}

/**
 * ipcRenderer narrowed to the bridge's channels. The page gets only this: never
 * ipcRenderer itself, and never an IpcRendererEvent (whose `sender` is ipcRenderer).
 */
export function createIpcTransport(ipcRenderer: IpcRendererLike): DeskTransport {
  return Object.freeze({
    invoke(channel: unknown, payload: unknown): Promise<unknown> {
      if (!isInvokeChannel(channel)) return Promise.reject(unknownChannel(channel))
      return ipcRenderer.invoke(channel, payload)
    },
    on(channel: unknown, listener: (payload: unknown) => void): () => void {
      if (!isEventChannel(channel)) throw unknownChannel(channel)
      if (typeof listener !== 'function') {
        throw new InvalidPayloadError(`A listener for ${channel} must be a function`)
      }
      const relay = (_event: unknown, payload: unknown): void => listener(payload)
      ipcRenderer.on(channel, relay)
      return () => {
        ipcRenderer.removeListener(channel, relay)
      }
    }
  } satisfies DeskTransport)
}

function unknownChannel(channel: unknown): InvalidPayloadError {
  const shown = typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : typeof channel
  return new InvalidPayloadError(`${shown} is not a channel of Connections Desk`)
}
