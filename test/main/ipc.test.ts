import { describe, expect, it } from 'vitest'
import type { BridgeHandler } from '../../src/main/bridge-handlers'
import {
  isTrustedSender,
  registerBridgeIpc,
  sendBridgeEvent,
  type InvokeEventLike,
  type IpcMainLike
} from '../../src/main/ipc'
import { INVOKE_CHANNEL_NAMES } from '../../src/shared/bridge/channel-names'
import { success, type Envelope } from '../../src/shared/bridge/envelope'
import { InvalidPayloadError } from '../../src/shared/errors'

const APP = 'app://desk'
const WINDOW_ID = 3

describe('isTrustedSender', () => {
  const facts = (frameUrl: string | null, webContentsId = WINDOW_ID) => ({
    frameUrl,
    frameIsNull: frameUrl === null,
    webContentsId
  })

  it('trusts the app page in one of our windows', () => {
    expect(isTrustedSender(facts('app://desk/index.html'), [WINDOW_ID], APP)).toBe(true)
    expect(isTrustedSender(facts('app://desk/#/outbox'), new Set([1, WINDOW_ID]), APP)).toBe(true)
    expect(
      isTrustedSender(facts('http://localhost:5173/'), [WINDOW_ID], 'http://localhost:5173')
    ).toBe(true)
  })

  it.each([
    'https://evil.example/',
    'app://desk.evil.example/index.html',
    'app://evil/index.html',
    'http://localhost:5173/',
    'file:///work/out/renderer/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'not a url'
  ])('refuses a frame on a foreign origin: %s', (url) => {
    expect(isTrustedSender(facts(url), [WINDOW_ID], APP)).toBe(false)
  })

  it('refuses a null frame, even in our window', () => {
    expect(
      isTrustedSender(
        { frameUrl: 'app://desk/index.html', frameIsNull: true, webContentsId: WINDOW_ID },
        [WINDOW_ID],
        APP
      )
    ).toBe(false)
    expect(isTrustedSender(facts(null), [WINDOW_ID], APP)).toBe(false)
  })

  it('refuses a sender that is not one of our windows', () => {
    expect(isTrustedSender(facts('app://desk/index.html', 99), [WINDOW_ID], APP)).toBe(false)
    expect(isTrustedSender(facts('app://desk/index.html'), [], APP)).toBe(false)
  })
})

function fakeIpcMain() {
  const handlers = new Map<string, (event: InvokeEventLike, payload: unknown) => unknown>()
  const ipcMain: IpcMainLike = {
    handle(channel, listener) {
      if (handlers.has(channel)) throw new Error(`second handler for ${channel}`)
      handlers.set(channel, listener)
    },
    removeHandler(channel) {
      handlers.delete(channel)
    }
  }
  return { ipcMain, handlers }
}

function setup() {
  const fake = fakeIpcMain()
  const handled: Array<{ channel: string; payload: unknown; senderId: number }> = []
  const handler: BridgeHandler = async (channel, payload, sender) => {
    handled.push({ channel, payload, senderId: sender.id })
    return success('handled')
  }
  const warnings: string[] = []
  const windows = new Set([WINDOW_ID])
  const unregister = registerBridgeIpc({
    ipcMain: fake.ipcMain,
    handler,
    trustedWebContentsIds: () => windows,
    appOrigin: APP,
    warn: (message) => warnings.push(message)
  })
  const invoke = (channel: string, event: InvokeEventLike, payload: unknown) => {
    const listener = fake.handlers.get(channel)
    if (!listener) throw new Error(`no handler for ${channel}`)
    return listener(event, payload) as Promise<Envelope<unknown>>
  }
  return { ...fake, handled, warnings, windows, unregister, invoke }
}

const appEvent = (id = WINDOW_ID, url = 'app://desk/index.html'): InvokeEventLike => ({
  sender: { id },
  senderFrame: { url }
})

describe('registerBridgeIpc', () => {
  it('registers exactly one handler per invoke channel, and removes them all', () => {
    const { handlers, unregister } = setup()
    expect([...handlers.keys()].sort()).toEqual([...INVOKE_CHANNEL_NAMES].sort())
    unregister()
    expect(handlers.size).toBe(0)
  })

  it('passes a trusted request on with the sender id', async () => {
    const { invoke, handled } = setup()
    const payload = { query: '%', pageIndex: 0, pageSize: 10 }
    expect(await invoke('people:search', appEvent(), payload)).toEqual(success('handled'))
    expect(handled).toEqual([{ channel: 'people:search', payload, senderId: WINDOW_ID }])
  })

  const secret = { password: 'password231-secret' }
  const refusals: Array<[string, InvokeEventLike]> = [
    ['a foreign origin', appEvent(WINDOW_ID, 'https://evil.example/login')],
    ['a null frame', { sender: { id: WINDOW_ID }, senderFrame: null }],
    ['a sender that is not an app window', appEvent(42)],
    [
      'a frame disposed mid-request',
      {
        sender: { id: WINDOW_ID },
        get senderFrame(): { url: string } {
          throw new Error('Render frame was disposed before WebFrameMain could be accessed')
        }
      }
    ]
  ]

  it.each(refusals)(
    'refuses %s with ForbiddenSenderError, logging no payload',
    async (_, event) => {
      const { invoke, handled, warnings } = setup()
      const answer = await invoke('credentials:sign-in', event, secret)
      expect(answer).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } })
      expect(handled).toEqual([])
      expect(warnings).toHaveLength(1)
      expect(warnings[0]).toContain('credentials:sign-in')
      expect(warnings[0]).not.toContain(secret.password)
    }
  )

  it('stops trusting a window once it is no longer ours', async () => {
    const { invoke, windows } = setup()
    windows.delete(WINDOW_ID)
    expect(await invoke('delivery:state', appEvent(), undefined)).toMatchObject({ ok: false })
  })
})

describe('sendBridgeEvent', () => {
  function target(destroyed = false) {
    const sent: Array<[string, unknown]> = []
    return {
      sent,
      isDestroyed: () => destroyed,
      send: (channel: string, payload: unknown) => void sent.push([channel, payload])
    }
  }

  it('sends a notice that fits its schema, without extra fields', () => {
    const window = target()
    sendBridgeEvent(window, 'delivery:wake', { reason: 'resume' })
    const state = { online: true, paused: false, lastSuccessAt: 12, secret: 'x' }
    sendBridgeEvent(window, 'delivery:state-changed', state)
    expect(window.sent).toEqual([
      ['delivery:wake', { reason: 'resume' }],
      ['delivery:state-changed', { online: true, paused: false, lastSuccessAt: 12 }]
    ])
  })

  it('refuses a notice that does not fit, naming the path', () => {
    const window = target()
    expect(() => sendBridgeEvent(window, 'delivery:wake', { reason: 'whenever' } as never)).toThrow(
      InvalidPayloadError
    )
    expect(() => sendBridgeEvent(window, 'delivery:wake', {} as never)).toThrow(/reason/)
    expect(window.sent).toEqual([])
  })

  it('skips a closed window', () => {
    const window = target(true)
    sendBridgeEvent(window, 'delivery:wake', { reason: 'online' })
    expect(window.sent).toEqual([])
  })
})
