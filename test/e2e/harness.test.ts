import type { Page } from 'playwright'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../../src/main/session-hardening'
import type { SendItem } from '../../src/shared/bridge/channels'
import { buildNewConnection, connectionDateOf } from '../../src/shared/change-request'
import { readConnectionTypes } from '../../src/main/api/acs-adapter'
import { findBrowserProcess } from '../harness/browser-process'
import { putMarker, readMarkers } from '../harness/indexed-db-markers'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { DeskPage } from '../harness/page-objects/desk-page'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'
import { StatusBar } from '../harness/page-objects/status-bar'
import { rawGet } from '../harness/raw-get'

const PRACTICE_PASSWORD = 'password231'
/** Harmless fault settings, to see launchDesk's `faults` reach the site. */
const LAUNCH_FAULT_SEED = 7
const SMOKE_DATABASE = 'harness-smoke'

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: 100, faults: { seed: LAUNCH_FAULT_SEED } })
})

afterAll(async () => {
  await desk?.close()
})

describe('the page', () => {
  it('loads with the production CSP, and trips neither the policy nor an error', async () => {
    const response = await desk.page.goto(`${desk.appOrigin}/index.html`)
    expect(response?.headers()['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(response?.headers()['content-type']).toBe('text/html; charset=utf-8')
    await new DeskPage(desk.page).waitForDeskReady()

    const scripts = await desk.page
      .locator('script[src]')
      .evaluateAll((elements) =>
        elements.map((element) => (element as unknown as { src: string }).src)
      )
    expect(scripts.length).toBeGreaterThan(0)
    for (const script of scripts) {
      const asset = await fetch(script)
      expect(asset.status).toBe(200)
      expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
      expect(asset.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    }
    expect(desk.cspViolations).toEqual([])
    expect(desk.pageErrors).toEqual([])
    expect(desk.consoleMessages.filter((message) => message.type === 'error')).toEqual([])
  })

  it('serves nothing outside the build', async () => {
    for (const path of ['/..%2f..%2fpackage.json', '/%2e%2e/%2e%2e/package.json', '/assets/']) {
      const answer = await rawGet(desk.appOrigin, path)
      expect(answer.status, path).toBe(404)
      expect(answer.csp, path).toBe(CONTENT_SECURITY_POLICY)
      expect(answer.body, path).not.toContain('connections-desk')
    }
  })
})

describe('the page’s limits', () => {
  it('sends a navigation off the app to the system browser, if allowlisted', async () => {
    const entry = desk.page.url()
    await desk.page.evaluate(() => {
      ;(globalThis as unknown as { location: { href: string } }).location.href =
        'https://secure.accessacs.com/help'
    })
    await expect.poll(() => desk.openedLinks).toContain('https://secure.accessacs.com/help')
    expect(desk.page.url()).toBe(entry)

    await desk.page.evaluate(() => {
      ;(globalThis as unknown as { open(url: string): unknown }).open('https://example.com/')
    })
    await expect
      .poll(() => desk.mainLog.some((line) => line.includes('example.com is not one of them')))
      .toBe(true)
    expect(desk.openedLinks).not.toContain('https://example.com/')
    await expect.poll(() => desk.context.pages().length).toBe(1)
  })

  it('refuses bridge requests from a page off the app’s origin', async () => {
    const stray = await desk.context.newPage()
    try {
      const answer = await new DeskPage(stray).invoke('credentials:status')
      expect(answer).toMatchObject({ ok: false, error: { name: 'ForbiddenSenderError' } })
    } finally {
      await stray.close()
    }
  })
})

describe('the bridge', () => {
  it('answers credentials:status: nobody is signed in', async () => {
    const deskPage = new DeskPage(desk.page)
    await deskPage.call('credentials:sign-out')
    const status = await deskPage.call('credentials:status')
    expect(status).toMatchObject({ configured: false, practice: false, backend: 'gnome_libsecret' })
  })

  it('signs in to the practice site with practice:start, never showing the password', async () => {
    const raw = await new DeskPage(desk.page).invoke('practice:start')
    expect(raw).toMatchObject({
      ok: true,
      result: {
        check: 'accepted',
        status: {
          configured: true,
          practice: true,
          persisted: true,
          baseUrl: desk.sim.appBaseUrl,
          siteNumber: 12345,
          username: 'jadams'
        }
      }
    })
    expect(JSON.stringify(raw)).not.toContain(PRACTICE_PASSWORD)
    expect(desk.keychain.snapshot()).not.toContain(PRACTICE_PASSWORD)
  })

  it('looks up the practice site’s connection types through the page', async () => {
    const deskPage = new DeskPage(desk.page)
    await deskPage.call('practice:start')
    const types = await deskPage.call('types:list')
    const fromSite = readConnectionTypes(await desk.sim.getJson('types/connections'))
    expect(types).toEqual(fromSite)
    expect(types.items.length).toBeGreaterThanOrEqual(5)
  })

  it('delivers notices pushed from Node to listeners in the page', async () => {
    await listenForWakes(desk.page)
    desk.emit('delivery:wake', { reason: 'manual' })
    await waitForWake(desk.page, 'manual')

    // A round trip: the page reports a capture, and the scheduler wakes it.
    await new DeskPage(desk.page).call('delivery:report', {
      unsentCount: 1,
      nextDueAt: null,
      captured: true
    })
    await waitForWake(desk.page, 'captured')
  })
})

describe('the profile', () => {
  it('keeps IndexedDB and the sign-in across a relaunch and across a crash', async () => {
    await putMarker(desk.page, SMOKE_DATABASE, 'before-relaunch')
    await desk.relaunch()
    expect(await readMarkers(desk.page, SMOKE_DATABASE)).toEqual(['before-relaunch'])
    expect(await new DeskPage(desk.page).readIndexedDbNames()).toContain(SMOKE_DATABASE)
    expect(await new DeskPage(desk.page).call('credentials:status')).toMatchObject({
      configured: true,
      practice: true
    })

    await putMarker(desk.page, SMOKE_DATABASE, 'before-crash')
    await desk.kill()
    expect(() => findBrowserProcess(desk.profileDir)).toThrow(/No Chromium/)
    await desk.relaunch()
    expect(await readMarkers(desk.page, SMOKE_DATABASE)).toEqual([
      'before-crash',
      'before-relaunch'
    ])
  })
})

describe('the practice site', () => {
  it('runs with the fault settings launchDesk was given', async () => {
    expect(await desk.sim.faults()).toMatchObject({ seed: LAUNCH_FAULT_SEED, rules: [] })
  })
})

describe('going offline', () => {
  it('keeps a send from reaching the site until the desk is online again', async () => {
    const deskPage = new DeskPage(desk.page)
    await deskPage.call('practice:start')
    const recordedBefore = (await desk.sim.changeRequests()).length

    await desk.setOnline(false)
    expect(await browserOnline(desk.page)).toBe(false)
    expect(await deskPage.call('delivery:state')).toMatchObject({ online: false })
    const { siteKey } = await deskPage.call('credentials:status')
    if (siteKey === null) throw new Error('The practice sign-in saved no site')
    const offline = await deskPage.call('delivery:send', {
      siteKey,
      items: [sendItem('offline')]
    })
    expect(offline.results).toEqual([
      { id: 'offline', outcome: expect.objectContaining({ kind: 'retryable' }) }
    ])
    expect(await desk.sim.changeRequests()).toHaveLength(recordedBefore)

    await listenForWakes(desk.page)
    await desk.setOnline(true)
    await waitForWake(desk.page, 'online')
    expect(await browserOnline(desk.page)).toBe(true)
    const online = await deskPage.call('delivery:send', { siteKey, items: [sendItem('online')] })
    expect(online.results).toEqual([
      { id: 'online', outcome: expect.objectContaining({ kind: 'accepted' }) }
    ])
    const recorded = await desk.sim.changeRequests()
    expect(recorded).toHaveLength(recordedBefore + 1)
    expect(recorded.at(-1)?.IdempotencyKey).toBe('key-online')
  })
})

describe('relaunching offline', () => {
  it('loads the app from its own files, shows its outbox, and still closes', async () => {
    const offline = await launchDesk({ people: 50 })
    let closed = false
    try {
      const signIn = new SignInPage(offline.page)
      await signIn.waitForDeskReady()
      await signIn.waitForShown()
      await signIn.usePractice()
      await offline.setOnline(false)
      // As Electron loads app://: the app's own files need no network.
      await offline.relaunch()
      await new StatusBar(offline.page).waitFor('Offline')
      await new AppHeader(offline.page).goTo('Outbox')
      const outbox = new OutboxPage(offline.page)
      await outbox.waitForShown()
      await outbox.waitForCount(0)
      expect(offline.pageErrors).toEqual([])
      expect(offline.cspViolations).toEqual([])
      closed = true
      await expect(offline.close()).resolves.toBeUndefined()
    } finally {
      if (!closed) await offline.close()
    }
  })
})

describe('the recorders', () => {
  it('record a CSP violation, so "none" above means none', async () => {
    await desk.page.evaluate(() => {
      const page = globalThis as unknown as {
        document: {
          createElement(tag: string): { textContent: string }
          head: { append(node: unknown): void }
        }
      }
      const script = page.document.createElement('script')
      script.textContent = 'globalThis.inlineRan = true'
      page.document.head.append(script)
    })
    await expect
      .poll(() => desk.cspViolations)
      .toContainEqual(
        expect.objectContaining({ directive: 'script-src-elem', blockedUri: 'inline' })
      )
    expect(await desk.page.evaluate(() => 'inlineRan' in globalThis)).toBe(false)
  })
})

function browserOnline(page: Page): Promise<boolean> {
  return page.evaluate(
    () => (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine
  )
}

function sendItem(id: string): SendItem {
  const built = buildNewConnection({
    connectionTypeId: 1,
    contactIndvId: 76,
    familyConnection: false,
    assignee: { kind: 'team', teamId: 1 },
    complete: false,
    date: connectionDateOf(new Date()),
    comment: `Harness smoke test: ${id}`,
    responseIds: []
  })
  if (!built.ok) throw new Error(`The test's change request is invalid: ${JSON.stringify(built)}`)
  return { id, idempotencyKey: `key-${id}`, body: built.body }
}

interface WakeRecorder {
  deskTransport: { on(channel: string, listener: (payload: unknown) => void): () => void }
  harnessWakes?: unknown[]
}

async function listenForWakes(page: Page): Promise<void> {
  await page.evaluate(() => {
    const scope = globalThis as unknown as WakeRecorder
    if (scope.harnessWakes) return
    scope.harnessWakes = []
    scope.deskTransport.on('delivery:wake', (payload) => scope.harnessWakes?.push(payload))
  })
}

async function waitForWake(page: Page, reason: string): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      ((globalThis as unknown as WakeRecorder).harnessWakes ?? []).some(
        (wake) => (wake as { reason?: string }).reason === wanted
      ),
    reason
  )
}
