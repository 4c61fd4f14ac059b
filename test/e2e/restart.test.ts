import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import { commentOf, DELIVERY_TIMEOUT_MS } from '../harness/page-objects/desk-session'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'
import { StatusBar } from '../harness/page-objects/status-bar'

/**
 * A volunteer trains on the practice site without a network, and the app is closed and
 * opened again before the line comes back. The practice site runs inside the app, on a new
 * port each start: the results saved before the restart must still reach it, once each.
 * The harness runs the app's real practice-site host with a state file, and here it does
 * not start it itself: after the relaunch only the app can.
 */
const RESULTS = 3

let desk: Desk
const comments: string[] = []

beforeAll(async () => {
  desk = await launchDesk({ people: 100, practiceSiteAtLaunch: false })
})

afterAll(async () => {
  await desk?.close()
})

describe('a restart in practice mode while offline', () => {
  it('keeps the practice results and the outbox across an offline relaunch', async () => {
    const signIn = new SignInPage(desk.page)
    await signIn.waitForDeskReady()
    await signIn.waitForShown()
    await signIn.usePractice()
    const connections = new ConnectionsPage(desk.page)
    await connections.waitForRows()
    await connections.waitForDataSettled()
    const addressBefore = (await desk.services.vault.status()).baseUrl

    await desk.setOnline(false)
    await new StatusBar(desk.page).waitFor('Offline')
    for (let index = 0; index < RESULTS; index++) {
      const contact = await connections.openByKeyboard(index)
      const comment = `Practice call ${index + 1} to ${contact}, before a restart`
      const form = new ResultFormPage(desk.page)
      await form.enterByKeyboard({ comment, outcome: 'Keep open' })
      await form.saveAndClose()
      comments.push(comment)
    }
    const outbox = new OutboxPage(desk.page)
    await new AppHeader(desk.page).goTo('Outbox')
    await outbox.waitForCount(RESULTS)

    // Still offline: the app's own files must load without a network, as from app://.
    await desk.relaunch()
    await new StatusBar(desk.page).waitFor('Offline')
    await new AppHeader(desk.page).goTo('Outbox')
    // desk.page is the new run's window.
    await new OutboxPage(desk.page).waitForCount(RESULTS)
    expect(await desk.services.vault.status()).toMatchObject({
      configured: true,
      practice: true,
      siteKey: 'practice#12345'
    })
    // The practice site of the first run is gone with it; the new one has another address.
    expect((await desk.services.vault.status()).baseUrl).not.toBe(addressBefore)
  })

  it('delivers each of them once when the line returns', async () => {
    await desk.setOnline(true)
    const outbox = new OutboxPage(desk.page)
    await outbox.waitForCount(0, DELIVERY_TIMEOUT_MS)
    await new StatusBar(desk.page).waitFor('Everything is sent')

    const recorded = await desk.sim.changeRequests()
    expect(recorded.map(commentOf).sort()).toEqual([...comments].sort())
    const keys = recorded.map((record) => record.IdempotencyKey)
    expect(new Set(keys).size).toBe(RESULTS)
  })

  it('closes cleanly after a relaunch', async () => {
    await desk.setOnline(false)
    await desk.relaunch()
    await new StatusBar(desk.page).waitFor('Offline')
    await new AppHeader(desk.page).goTo('Outbox')
    await new OutboxPage(desk.page).waitForCount(0)
    await expect(desk.close()).resolves.toBeUndefined()
  })
})
