import { contextBridge, ipcRenderer } from 'electron'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createIpcTransport, type IpcRendererLike } from '../../src/preload/ipc-transport'
import { DESK_TRANSPORT_GLOBAL } from '../../src/shared/bridge/desk-transport'
import { InvalidPayloadError } from '../../src/shared/errors'

type Relay = (event: unknown, ...args: unknown[]) => void

function fakeIpcRenderer() {
  const listeners = new Map<string, Set<Relay>>()
  const invoked: Array<{ channel: string; args: unknown[] }> = []
  const ipc: IpcRendererLike = {
    async invoke(channel, ...args) {
      invoked.push({ channel, args })
      return { ok: true, result: 'answer' }
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
    },
    removeListener(channel, listener) {
      listeners.get(channel)?.delete(listener)
    }
  }
  return { ipc, invoked, listeners }
}

describe('createIpcTransport', () => {
  it('invokes known channels and refuses any other, ipcRenderer untouched', async () => {
    const fake = fakeIpcRenderer()
    const transport = createIpcTransport(fake.ipc)
    expect(Object.isFrozen(transport)).toBe(true)
    expect(await transport.invoke('delivery:state', undefined)).toEqual({
      ok: true,
      result: 'answer'
    })
    for (const channel of ['delivery:wake', 'shell:open-external', 'toString']) {
      await expect(transport.invoke(channel as never, {})).rejects.toBeInstanceOf(
        InvalidPayloadError
      )
    }
    expect(fake.invoked).toEqual([{ channel: 'delivery:state', args: [undefined] }])
  })

  it('gives listeners the payload only, never the IPC event, and unsubscribes', () => {
    const fake = fakeIpcRenderer()
    const transport = createIpcTransport(fake.ipc)
    const received: unknown[][] = []
    const stop = transport.on('delivery:wake', (...args: unknown[]) => received.push(args))
    const ipcEvent = { sender: { send: () => undefined } }
    for (const relay of fake.listeners.get('delivery:wake') ?? [])
      relay(ipcEvent, { reason: 'start' })
    expect(received).toEqual([[{ reason: 'start' }]])
    stop()
    expect(fake.listeners.get('delivery:wake')?.size).toBe(0)
  })

  it('refuses to listen on a channel that is not a notice', () => {
    const transport = createIpcTransport(fakeIpcRenderer().ipc)
    expect(() => transport.on('credentials:status' as never, () => undefined)).toThrow(
      InvalidPayloadError
    )
  })
})

describe('the preload script', () => {
  afterEach(() => vi.mocked(contextBridge.exposeInMainWorld).mockClear())

  it('exposes only the guarded transport to the page', async () => {
    await import('../../src/preload/index')
    const expose = vi.mocked(contextBridge.exposeInMainWorld)
    expect(expose).toHaveBeenCalledTimes(1)
    const [key, exposed] = expose.mock.calls[0] ?? []
    expect(key).toBe(DESK_TRANSPORT_GLOBAL)
    expect(Object.keys(exposed as object).sort()).toEqual(['invoke', 'on'])
    expect(exposed).not.toBe(ipcRenderer)
    await expect(
      (exposed as { invoke: (c: string, p: unknown) => Promise<unknown> }).invoke('fs:read', {})
    ).rejects.toBeInstanceOf(InvalidPayloadError)
  })
})
