import { rootCertificates } from 'node:tls'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadTrustStore, type CaSource } from '../../src/main/api/trust-store'
import { PRACTICE_SITE_NUMBER } from '../../src/sim'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import {
  commentOf,
  DELIVERY_TIMEOUT_MS,
  waitForRecorded
} from '../harness/page-objects/desk-session'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage, type ChurchSignIn } from '../harness/page-objects/sign-in-page'
import { SITE_ROOT } from '../harness/tls-certificates'
import { startTlsFront, type TlsFront } from '../harness/tls-front'

/**
 * A church's https site one morning behind a misconfigured front (its certificate sent
 * without the intermediate): the clerk must read what is wrong in plain words, and the
 * result must wait as not sent, never as "may have arrived".
 */
const INTERCEPTED = 'a network filter is intercepting the secure connection'
const CLOCK = 'check the computer’s date and time'
const COMMENT = 'Called after the retreat; will visit Sunday'

let desk: Desk
let front: TlsFront

beforeAll(async () => {
  desk = await launchDesk({
    people: 100,
    // The site's authority is in the "system" store the app reads, as IT would install it.
    network: {
      trustedCertificates: () =>
        loadTrustStore((source: CaSource) => (source === 'system' ? [SITE_ROOT] : rootCertificates))
          .certificates
    }
  })
  front = await startTlsFront(desk.sim.baseUrl, 'good')
})

afterAll(async () => {
  await desk?.close()
  await front?.close()
})

function churchSite(): ChurchSignIn {
  return {
    baseUrl: front.baseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: 'jadams',
    password: 'password231'
  }
}

describe('a church site whose TLS front breaks its certificate chain', () => {
  it('keeps the result waiting to send, says why in plain words, and sends it once fixed', async () => {
    const signIn = new SignInPage(desk.page)
    const header = new AppHeader(desk.page)
    const connections = new ConnectionsPage(desk.page)
    const outbox = new OutboxPage(desk.page)
    await signIn.waitForDeskReady()
    await signIn.waitForShown()
    await signIn.signIn(churchSite())
    await connections.waitForRows()
    await connections.waitForDataSettled()

    front.present('broken-chain')
    const before = (await desk.sim.changeRequests()).length
    const relayedBefore = front.relayed()
    await connections.openByKeyboard(0)
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment: COMMENT, outcome: 'Keep open' })
    await form.saveAndClose()

    await header.goTo('Outbox')
    await outbox.waitForCount(1)
    const entry = outbox.entries.first()
    await outbox.entries.filter({ hasText: 'Waiting to send' }).first().waitFor()
    const attempts = await outbox.attempts(entry)
    expect(attempts.length).toBeGreaterThan(0)
    for (const cells of attempts) {
      expect(cells[1]).toBe('Could not get through')
      expect(cells.join(' ')).toContain(INTERCEPTED)
    }
    expect(front.relayed()).toBe(relayedBefore)

    // Next the certificate is one the computer's clock says is not valid yet.
    front.present('not-yet-valid')
    await outbox.retryNow(entry)
    // The attempts table stays open: the new attempt's message appears in it.
    await entry.getByRole('cell', { name: new RegExp(CLOCK) }).waitFor()
    await outbox.entries.filter({ hasText: 'Waiting to send' }).first().waitFor()
    const attemptRows = entry.getByRole('row').filter({ has: desk.page.getByRole('cell') })
    const notThrough = entry.getByRole('cell', { name: 'Could not get through', exact: true })
    expect(await attemptRows.count()).toBeGreaterThan(1)
    expect(await notThrough.count()).toBe(await attemptRows.count())
    const text = (await outbox.entryTexts())[0]?.text ?? ''
    expect(text).not.toMatch(/may have arrived|Not sure it arrived/)
    expect(front.relayed()).toBe(relayedBefore)
    expect(await desk.sim.changeRequests()).toHaveLength(before)

    front.present('broken-chain')
    // Signing in again meets the same front: what does the clerk see there?
    await header.signOut()
    await signIn.signIn(churchSite())
    await desk.page.getByText('Signed in without reaching Access ACS').waitFor()
    await desk.page.getByRole('alert').getByText(INTERCEPTED).first().waitFor()
    await header.goTo('Outbox')
    await outbox.waitForCount(1)
    await outbox.entries.filter({ hasText: 'Waiting to send' }).first().waitFor()

    // The front is put right: the same result goes out, once.
    front.present('good')
    await outbox.retryNowUnlessSent(outbox.entries.first())
    await outbox.waitForCount(0, DELIVERY_TIMEOUT_MS)
    const recorded = (await waitForRecorded(desk, before + 1)).slice(before)
    expect(recorded.map(commentOf)).toEqual([COMMENT])
    expect(desk.pageErrors).toEqual([])
    expect(desk.cspViolations).toEqual([])
  })
})
