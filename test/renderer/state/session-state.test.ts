import { describe, expect, it } from 'vitest'
import { SessionState } from '$renderer/state/session-state.svelte'
import { CredentialsRejectedError } from '$shared/errors'
import type { CredentialStatus } from '$shared/bridge/channels'
import { accountOf } from '../../shared/support/accounts'
import { FakeDesk } from '../support/fake-desk'

describe('SessionState', () => {
  it('loads the status and signs in, telling the app which site is in use', async () => {
    const desk = new FakeDesk()
    const signedIn: CredentialStatus[] = []
    const session = new SessionState(desk, { onSignedIn: (status) => void signedIn.push(status) })
    expect(await session.load()).toBe(true)
    expect([session.signedIn, session.siteKey]).toEqual([false, null])

    const ok = await session.signIn({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2/',
      siteNumber: 12345,
      username: 'clerk',
      password: 'clerk-pass-1'
    })

    expect(ok).toBe(true)
    expect(session.signedIn).toBe(true)
    expect(session.username).toBe('clerk')
    expect(session.siteKey).toBe('https://secure.accessacs.com/api_accessacs_mobile/v2#12345')
    expect(session.unchecked).toBe(false)
    expect(signedIn).toHaveLength(1)
  })

  it('keeps a refused sign-in’s typed error for the form, and clears it on request', async () => {
    const desk = new FakeDesk()
    desk.signInAnswer = async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this username and password')
    }
    const session = new SessionState(desk)
    const ok = await session.signIn({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'clerk',
      password: 'wrong'
    })
    expect(ok).toBe(false)
    expect(session.error).toBeInstanceOf(CredentialsRejectedError)
    expect(session.busy).toBe(false)
    expect(session.signedIn).toBe(false)
    session.clearError()
    expect(session.error).toBeNull()
  })

  it('finds an e-mail’s sites, signs in to one, and keeps its account until signing out', async () => {
    const desk = new FakeDesk()
    const session = new SessionState(desk)
    const request = {
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      email: 'jadams@example.org',
      password: 'password231'
    }
    expect((await session.findSites(request))?.map((site) => site.siteNumber)).toEqual([12345])
    expect(session.account).toBeNull()

    expect(await session.signInWithEmail({ ...request, siteNumber: 12346 })).toBe(true)
    expect(session.username).toBe('jadams')
    expect(session.siteKey).toBe('https://secure.accessacs.com/api_accessacs_mobile/v2#12346')
    expect(session.account).toMatchObject({ siteNumber: 12346, role: 'administrator' })

    await session.signOut()
    expect(session.account).toBeNull()
  })

  it('starts practice and signs out', async () => {
    const desk = new FakeDesk()
    let signedOut = 0
    const session = new SessionState(desk, { onSignedOut: () => void signedOut++ })
    await session.startPractice()
    expect(session.practice).toBe(true)
    // The practice site's port changes every start; its key must not.
    expect(session.siteKey).toBe('practice#12345')
    await session.signOut()
    expect([session.signedIn, session.siteKey, signedOut]).toEqual([false, null, 1])
  })

  it('finds an e-mail’s sites without signing in, then signs in at one and keeps its account', async () => {
    const desk = new FakeDesk()
    const signedIn: CredentialStatus[] = []
    const session = new SessionState(desk, { onSignedIn: (status) => void signedIn.push(status) })
    const clerk = accountOf({ userName: 'clerk', role: 'staff' })
    desk.findSitesAnswer = async () => [clerk]
    desk.signInWithEmailAnswer = async (request) => {
      desk.status = {
        ...desk.status,
        configured: true,
        baseUrl: request.baseUrl,
        siteNumber: request.siteNumber,
        username: 'clerk',
        practice: false
      }
      return { status: desk.status, check: 'accepted', account: clerk }
    }
    const request = {
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      email: 'clerk@practice.example',
      password: 'clerk-pass-1'
    }
    expect(await session.findSites(request)).toEqual([clerk])
    expect([session.signedIn, signedIn.length]).toEqual([false, 0])

    expect(await session.signInWithEmail({ ...request, siteNumber: 12345 })).toBe(true)
    expect(session.username).toBe('clerk')
    expect(session.account).toEqual(clerk)
    expect(signedIn).toHaveLength(1)

    await session.signOut()
    expect(session.account).toBeNull()
  })

  it('keeps a wrong e-mail and password as the error, finding no site', async () => {
    const desk = new FakeDesk()
    desk.findSitesAnswer = async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this e-mail and password')
    }
    const session = new SessionState(desk)
    const sites = await session.findSites({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      email: 'clerk@practice.example',
      password: 'wrong'
    })
    expect(sites).toBeNull()
    expect(session.error).toBeInstanceOf(CredentialsRejectedError)
  })

  it('signs in to the practice site as the user a trainer chose, and says where it runs', async () => {
    const desk = new FakeDesk()
    const session = new SessionState(desk)
    expect(await session.loadPracticeSite()).toBe(true)
    expect(session.practiceSite?.baseUrl).toBe('http://127.0.0.1:40000/api_accessacs_mobile/v2')
    await session.startPractice('clerk')
    expect([session.practice, session.username]).toEqual([true, 'clerk'])
    expect(desk.practiceStarts).toEqual([{ userName: 'clerk' }])
  })

  it('asks for the password again when the saved one could not be read', async () => {
    const desk = new FakeDesk()
    desk.status = { ...desk.status, configured: true, siteNumber: 12345, needsSignIn: true }
    const session = new SessionState(desk)
    await session.load()
    expect(session.signedIn).toBe(false)
    expect(session.siteKey).toBe('https://secure.accessacs.com/api_accessacs_mobile/v2#12345')
  })
})
