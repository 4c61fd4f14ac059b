import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  CONTENT_SECURITY_POLICY,
  denyAllPermissions,
  hardenWebContents,
  type PermissionSessionLike,
  type PreventableEvent,
  type WebContentsLike
} from '../../src/main/session-hardening'
import { LinkNotAllowedError } from '../../src/shared/errors'

const APP = 'app://desk'

/** A session that records the handlers it is given. */
function recordingSession() {
  const recorded: {
    request?: Parameters<PermissionSessionLike['setPermissionRequestHandler']>[0]
    check?: Parameters<PermissionSessionLike['setPermissionCheckHandler']>[0]
    device?: (details: unknown) => boolean
  } = {}
  const session: PermissionSessionLike = {
    setPermissionRequestHandler: (handler) => void (recorded.request = handler),
    setPermissionCheckHandler: (handler) => void (recorded.check = handler),
    setDevicePermissionHandler: (handler) => void (recorded.device = handler)
  }
  return { session, recorded }
}

type Listener = (event: PreventableEvent & { url?: string }, url: string) => void

/** webContents that records its listeners and window-open handler. */
function recordingWebContents() {
  const listeners = new Map<string, Listener[]>()
  let openHandler: ((details: { url: string }) => { action: 'deny' | 'allow' }) | undefined
  const contents: WebContentsLike = {
    on: (event: string, listener: Listener) => {
      listeners.set(event, [...(listeners.get(event) ?? []), listener])
      return contents
    },
    setWindowOpenHandler: (handler) => void (openHandler = handler)
  }
  const emit = (name: string, url = ''): boolean => {
    let prevented = false
    const event = { url, preventDefault: () => void (prevented = true) }
    const registered = listeners.get(name) ?? []
    if (registered.length === 0) throw new Error(`nothing listens to ${name}`)
    for (const listener of registered) listener(event, url)
    return prevented
  }
  const openWindow = (url: string) => {
    if (!openHandler) throw new Error('no window open handler')
    return openHandler({ url })
  }
  return { contents, emit, openWindow }
}

function harden() {
  const opened: string[] = []
  const warnings: string[] = []
  const web = recordingWebContents()
  hardenWebContents(web.contents, {
    appOrigin: APP,
    externalLinks: {
      open: async (url) => {
        if (!url.startsWith('https://secure.accessacs.com/')) throw new LinkNotAllowedError('no')
        opened.push(url)
      }
    },
    warn: (message) => warnings.push(message)
  })
  return { ...web, opened, warnings }
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0))

describe('denyAllPermissions', () => {
  it('denies every permission request, check and device', () => {
    const { session, recorded } = recordingSession()
    denyAllPermissions(session)
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal'
    ]) {
      const answers: boolean[] = []
      recorded.request?.({}, permission, (granted) => answers.push(granted))
      expect(answers, permission).toEqual([false])
      expect(recorded.check?.({}, permission), permission).toBe(false)
    }
    expect(recorded.device?.({ deviceType: 'usb' })).toBe(false)
  })
})

describe('hardenWebContents', () => {
  it('lets the page move within the app origin only', () => {
    const { emit } = harden()
    expect(emit('will-navigate', 'app://desk/index.html#/outbox')).toBe(false)
    for (const url of [
      'https://evil.example/',
      'app://evil/index.html',
      'file:///etc/passwd',
      'about:blank'
    ]) {
      expect(emit('will-navigate', url), url).toBe(true)
      expect(emit('will-redirect', url), url).toBe(true)
    }
  })

  it('sends an allowlisted link the page navigates to out to the browser', async () => {
    const { emit, opened, warnings } = harden()
    expect(emit('will-navigate', 'https://secure.accessacs.com/help')).toBe(true)
    expect(emit('will-navigate', 'https://evil.example/')).toBe(true)
    await settle()
    expect(opened).toEqual(['https://secure.accessacs.com/help'])
    expect(warnings).toHaveLength(1)
  })

  it('denies every new window, opening allowlisted https links in the browser', async () => {
    const { openWindow, opened, warnings } = harden()
    expect(openWindow('https://secure.accessacs.com/login')).toEqual({ action: 'deny' })
    expect(openWindow('app://desk/index.html')).toEqual({ action: 'deny' })
    expect(openWindow('https://evil.example/')).toEqual({ action: 'deny' })
    expect(openWindow('file:///etc/passwd')).toEqual({ action: 'deny' })
    await settle()
    expect(opened).toEqual(['https://secure.accessacs.com/login'])
    expect(warnings).toEqual([expect.stringContaining('Link not opened')])
  })

  it('refuses to attach a webview', () => {
    const { emit } = harden()
    expect(emit('will-attach-webview')).toBe(true)
  })
})

describe('CONTENT_SECURITY_POLICY', () => {
  it('is the meta tag of src/renderer/index.html plus frame-ancestors, which only a header can carry', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8')
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)
    expect(meta?.[1]).not.toContain('frame-ancestors')
    expect(`${meta?.[1]}; frame-ancestors 'none'`).toBe(CONTENT_SECURITY_POLICY)
  })

  it('allows nothing from outside the app', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'")
    expect(CONTENT_SECURITY_POLICY).toContain("object-src 'none'")
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'")
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|\*/)
  })
})
