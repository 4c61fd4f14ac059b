import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { InvokeChannelName } from '../../src/shared/bridge/channel-names'
import { PRACTICE_SITE_NUMBER } from '../../src/sim'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader, SCREEN_NAMES } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import { commentOf, waitForRecorded } from '../harness/page-objects/desk-session'
import { PageStorage } from '../harness/page-objects/page-storage'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'

const USERNAME = 'jadams'
const PASSWORD = 'password231'
/** The password as it travels: in the Basic authorization header. */
const BASIC_CREDENTIALS = Buffer.from(`${USERNAME}:${PASSWORD}`).toString('base64')
const COMMENT = 'Spoke with them after the service'

/** Every channel that only reads, with a payload it accepts. */
const READ_CHANNELS: ReadonlyArray<[InvokeChannelName, unknown]> = [
  ['credentials:status', undefined],
  ['delivery:state', undefined],
  ['account:get', undefined],
  ['types:list', undefined],
  ['responses:list', { typeId: 1 }],
  ['teams:list', undefined],
  ['assignments:summary', { pageIndex: 0, pageSize: 100 }],
  ['assignments:list', { typeId: 1, pageIndex: 0, pageSize: 100 }],
  ['connections:get', { connectionId: 1 }],
  ['connections:of-person', { personId: 76, pageIndex: 0, pageSize: 100 }],
  ['people:search', { query: '%', pageIndex: 0, pageSize: 100 }],
  ['people:get', { personId: 76 }]
]

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: 100 })
  const signIn = new SignInPage(desk.page)
  await signIn.waitForDeskReady()
  await signIn.waitForShown()
  await signIn.signIn({
    baseUrl: desk.sim.appBaseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: USERNAME,
    password: PASSWORD
  })
  const connections = new ConnectionsPage(desk.page)
  await connections.waitForRows()
  await connections.waitForDataSettled()
  // One result goes out, so the outbox, the history and the API log all hold something.
  const before = (await desk.sim.changeRequests()).length
  await connections.openByKeyboard(0)
  const form = new ResultFormPage(desk.page)
  await form.enterByKeyboard({ comment: COMMENT, outcome: 'Keep open' })
  await form.saveAndClose()
  const recorded = await waitForRecorded(desk, before + 1)
  expect(recorded.map(commentOf)).toContain(COMMENT)
})

afterAll(async () => {
  await desk?.close()
})

describe('the password typed into the sign-in form', () => {
  it('is in no screen’s markup or field values', async () => {
    const storage = new PageStorage(desk.page)
    const header = new AppHeader(desk.page)
    for (const screen of SCREEN_NAMES) {
      await header.goTo(screen)
      const html = await storage.outerHtml()
      expect(html).toContain(USERNAME)
      expectNoSecret(`the markup of ${screen}`, html)
      expectNoSecret(`the fields of ${screen}`, (await storage.fieldValues()).join('\n'))
    }
  })

  it('is in no IndexedDB database, web storage or cookie', async () => {
    const storage = new PageStorage(desk.page)
    const databases = await storage.dumpIndexedDb()
    // The dump reaches the app's data: the result entered above is in it.
    expect(databases).toContain(COMMENT)
    expectNoSecret('IndexedDB', databases)
    expectNoSecret('localStorage and sessionStorage', await storage.dumpWebStorage())
    expectNoSecret('the cookies', JSON.stringify(await desk.context.cookies()))
  })

  it('is in no console message and nothing the main process logged', () => {
    expect(desk.mainLog.length).toBeGreaterThan(0)
    expectNoSecret('the main process log', desk.mainLog.join('\n'))
    expectNoSecret('the console', JSON.stringify(desk.consoleMessages))
  })

  it('is in nothing the bridge answers', async () => {
    const storage = new PageStorage(desk.page)
    for (const [channel, payload] of READ_CHANNELS) {
      const answer = JSON.stringify(await storage.invoke(channel, payload))
      expect(answer, channel).toContain('"ok":true')
      expectNoSecret(`the answer to ${channel}`, answer)
    }
  })

  it('is not filled back in when the clerk signs out and the sign-in form returns', async () => {
    await new AppHeader(desk.page).signOut()
    const storage = new PageStorage(desk.page)
    const signIn = new SignInPage(desk.page)
    expect(await signIn.field('Password').inputValue()).toBe('')
    expectNoSecret('the sign-in form', (await storage.fieldValues()).join('\n'))
    expectNoSecret('the sign-in screen', await storage.outerHtml())
    expectNoSecret('IndexedDB after signing out', await storage.dumpIndexedDb())
  })
})

describe('the page’s limits', () => {
  it('report no CSP violation and no page error after all of the above', () => {
    expect(desk.cspViolations).toEqual([])
    expect(desk.pageErrors).toEqual([])
  })

  it('keep the page on the app’s origin whatever it navigates to', async () => {
    const page = desk.page
    // Gone after any navigation, even one back to the app: the document must stay the same.
    await page.evaluate(() => {
      ;(globalThis as unknown as { documentMarker: string }).documentMarker = 'still here'
    })
    const targets = [
      'https://example.com/',
      `${desk.sim.url}/_sim/changerequests`,
      'http://127.0.0.2/',
      'file:///etc/passwd'
    ]
    for (const target of targets) {
      await page.evaluate((url) => {
        ;(globalThis as unknown as { location: { assign(url: string): void } }).location.assign(url)
      }, target)
      await expectStillTheApp(target)
    }
    // A link the clerk clicks, and a window the page opens.
    await page.evaluate((url) => {
      const scope = globalThis as unknown as {
        document: {
          createElement(tag: 'a'): { href: string; textContent: string }
          body: { append(node: unknown): void }
        }
      }
      const link = scope.document.createElement('a')
      link.href = url
      link.textContent = 'Somewhere else'
      scope.document.body.append(link)
    }, 'https://example.org/')
    await page.getByRole('link', { name: 'Somewhere else' }).click()
    await expectStillTheApp('https://example.org/')
    await page.evaluate(() => {
      ;(globalThis as unknown as { open(url: string): unknown }).open('https://example.net/')
    })
    await expect.poll(() => desk.context.pages().length).toBe(1)
    await expectStillTheApp('https://example.net/')

    expect(desk.openedLinks).toEqual([])
    expect(desk.cspViolations).toEqual([])
  })
})

async function expectStillTheApp(target: string): Promise<void> {
  // A navigation that went through would leave the app's document behind.
  await desk.page.waitForLoadState('load')
  expect(new URL(desk.page.url()).origin, target).toBe(desk.appOrigin)
  await new AppHeader(desk.page).banner.getByRole('heading', { name: 'Connections Desk' }).waitFor()
  const marker = await desk.page.evaluate(
    () => (globalThis as unknown as { documentMarker?: string }).documentMarker
  )
  expect(marker, target).toBe('still here')
}

function expectNoSecret(where: string, text: string): void {
  expect(text.includes(PASSWORD), `${where} holds the password`).toBe(false)
  expect(text.includes(BASIC_CREDENTIALS), `${where} holds the Basic credentials`).toBe(false)
}
