import { afterEach, describe, expect, it } from 'vitest'
import { AppState, UNANSWERED_NOTICE } from '$renderer/app-state.svelte'
import { Clock } from '$renderer/state/clock.svelte'
import { DeskDatabase } from '$renderer/db/desk-database'
import type { SignInResult } from '$shared/bridge/channels'
import { CredentialsRejectedError } from '$shared/errors'
import { cleanUp, onCleanUp, testRegistry } from '../support/screen-helpers'
import { until } from '../support/until'
import { FakeDesk } from '../support/fake-desk'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { holdSends } from '../support/held-sends'
import { practiceChurch } from '../support/practice-church'
import { recordChanges } from '../support/record-changes.svelte'

afterEach(cleanUp)

/** The app signed in to a practice site of its own (its own site number, so its own database). */
async function startDesk(
  options: { siteChangeWaitMs?: number; beforeSignIn?: (app: AppState) => void } = {}
) {
  const { beforeSignIn, ...appOptions } = options
  const desk = new FakeDesk(practiceChurch())
  const siteNumber = 20_000 + ((crypto.getRandomValues(new Uint16Array(1))[0] ?? 0) % 40_000)
  desk.practice = {
    ...desk.practice,
    start: async (): Promise<SignInResult> => {
      desk.status = {
        ...desk.status,
        configured: true,
        baseUrl: 'http://127.0.0.1:40000/api_accessacs_mobile/v2',
        siteNumber,
        username: 'jadams',
        practice: true,
        needsSignIn: false
      }
      return { status: desk.status, check: 'accepted', account: null }
    }
  }
  const app = new AppState({
    desk,
    registry: testRegistry(),
    clock: new Clock(Date.now, 60_000),
    ...appOptions
  })
  onCleanUp(async () => {
    for (let round = 0; round < 200 && app.site?.reference.refreshing; round++) {
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
    app.stop()
  })
  await app.start()
  beforeSignIn?.(app)
  await app.session.startPractice()
  await until(() => app.view === 'desk', 'the practice site to open')
  const site = app.site
  if (!site) throw new Error('no site open')
  return { app, desk, site }
}

/** Calls to the main process's sign-out, counted as they arrive. */
function countSignOuts(desk: FakeDesk): () => number {
  let calls = 0
  const signOut = desk.credentials.signOut
  desk.credentials.signOut = async () => {
    calls++
    return signOut()
  }
  return () => calls
}

async function storedStates(siteKey: string): Promise<string[]> {
  const database = new DeskDatabase(siteKey)
  try {
    return (await database.outbox.orderBy('sequence').toArray()).map((item) => item.state)
  } finally {
    database.close()
  }
}

describe('a change of sign-in waits for the answers of the batch that is out', () => {
  it('signing out mid-batch: the answers are written before the database closes, and nothing goes twice', async () => {
    const { app, desk, site } = await startDesk()
    for (const id of [101, 102, 103]) {
      await site.outbox.capture(keepOpenBody(id, `call ${id}`), summaryOf('Ann Lee'), 'jadams')
    }
    const held = holdSends(desk)
    const signOuts = countSignOuts(desk)
    desk.wake('captured')
    await until(() => held.length === 1, 'the batch to leave')

    const signingOut = app.signOut()
    // The page stops its site's delivery, and the main process is not told yet.
    await until(() => desk.stops.length === 1, 'the page to stop its site')
    expect(desk.stops).toEqual([site.siteKey])
    expect(signOuts()).toBe(0)

    held[0]?.release()
    await signingOut
    expect(signOuts()).toBe(1)
    expect(app.site).toBeNull()
    expect(app.notice).toBeNull()
    expect(await storedStates(site.siteKey)).toEqual(['sent', 'sent', 'sent'])

    // Back on the same site: nothing waits, nothing is sent again.
    await app.session.startPractice()
    await until(() => app.view === 'desk', 'the site to open again')
    expect(app.site?.outbox.count).toBe(0)
    expect(desk.sentBatches).toHaveLength(1)
  })

  it('goes ahead after a bounded wait when no answer comes, and says so', async () => {
    const { app, desk, site } = await startDesk({ siteChangeWaitMs: 200 })
    await site.outbox.capture(keepOpenBody(101, 'unanswered'), summaryOf('Ann Lee'), 'jadams')
    const held = holdSends(desk)
    desk.wake('captured')
    await until(() => held.length === 1, 'the batch to leave')

    await app.signOut()

    expect(app.notice).toBe(UNANSWERED_NOTICE)
    expect(app.site).toBeNull()
    expect(desk.status.configured).toBe(false)
  })

  it('a refused sign-in leaves the open site delivering', async () => {
    const { app, desk, site } = await startDesk()
    desk.signInAnswer = async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this username and password')
    }
    app.askSignIn()
    const ok = await app.session.signIn({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 777,
      username: 'clerk',
      password: 'wrong'
    })
    expect(ok).toBe(false)
    expect(desk.stops).toEqual([site.siteKey])
    expect(app.site).toBe(site)

    await site.outbox.capture(keepOpenBody(101, 'after'), summaryOf('Ann Lee'), 'jadams')
    desk.wake('captured')
    await until(() => site.outbox.count === 0 && !site.outbox.sending, 'the result to go out')
    expect(desk.sentSiteKeys).toEqual([site.siteKey])
  })

  it('a sign-in again to the same site keeps it open and delivering', async () => {
    const { app, desk, site } = await startDesk()
    await app.session.startPractice()
    await until(() => desk.stops.length === 1, 'the site to be stopped for the sign-in')
    expect(app.site).toBe(site)

    await site.outbox.capture(keepOpenBody(101, 'same site'), summaryOf('Ann Lee'), 'jadams')
    desk.wake('captured')
    await until(() => site.outbox.count === 0 && !site.outbox.sending, 'the result to go out')
    expect(desk.sentBatches).toHaveLength(1)
  })
})

describe('after a sign-in', () => {
  it('the first screen of the site already says its data is being refreshed', async () => {
    // The saved copy may be another user's (their type rights): until the download that
    // follows a sign-in has started, the screen must not offer it as settled ("Refresh data").
    let screens: { seen: (boolean | null)[]; stop: () => void } | undefined
    const { site } = await startDesk({
      beforeSignIn: (app) => {
        screens = recordChanges(() =>
          app.view === 'desk' ? (app.site?.reference.refreshing ?? false) : null
        )
      }
    })
    screens?.stop()
    const desks = (screens?.seen ?? []).filter((refreshing) => refreshing !== null)
    expect(desks[0], 'refreshing on the first desk screen').toBe(true)
    await until(() => !site.reference.refreshing, 'the refresh to end')
  })
})
