import { describe, expect, it, vi } from 'vitest'
import { buildDeskApi } from '$shared/bridge/build-desk-api'
import type { DeskTransport } from '$shared/bridge/desk-transport'
import type { EventChannelName, InvokeChannelName } from '$shared/bridge/channel-names'
import type { SendItem } from '$shared/bridge/channels'
import { failure, success } from '$shared/bridge/envelope'
import {
  CredentialsRejectedError,
  InvalidPayloadError,
  NotSignedInError,
  UnexpectedAnswerError
} from '$shared/errors'
import { completeBody } from '../support/bodies'

const status = {
  configured: true,
  baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
  siteNumber: 12345,
  username: 'jadams',
  backend: 'gnome_libsecret',
  persisted: true,
  practice: false,
  siteKey: 'https://secure.accessacs.com/api_accessacs_mobile/v2#12345',
  needsSignIn: false,
  applicationId: 'none' as const
}

const validBody = completeBody(5)

/** A transport that answers from a table and lets the test emit notices. */
function fakeTransport(answers: Partial<Record<InvokeChannelName, unknown>> = {}) {
  const sent: Array<{ channel: InvokeChannelName; payload: unknown }> = []
  const listeners = new Map<EventChannelName, Set<(payload: unknown) => void>>()
  const transport: DeskTransport = {
    async invoke(channel, payload) {
      sent.push({ channel, payload })
      return answers[channel]
    },
    on(channel, listener) {
      const set = listeners.get(channel) ?? new Set()
      listeners.set(channel, set)
      set.add(listener)
      return () => set.delete(listener)
    }
  }
  const emit = (channel: EventChannelName, payload: unknown): void => {
    for (const listener of listeners.get(channel) ?? []) listener(payload)
  }
  const listenerCount = (channel: EventChannelName): number => listeners.get(channel)?.size ?? 0
  return { transport, sent, emit, listenerCount }
}

describe('buildDeskApi', () => {
  it('returns a frozen API grouped by domain', () => {
    const desk = buildDeskApi(fakeTransport().transport)
    expect(Object.isFrozen(desk)).toBe(true)
    for (const group of Object.values(desk)) expect(Object.isFrozen(group)).toBe(true)
    expect(Object.keys(desk).sort()).toEqual([
      'account',
      'assignments',
      'backup',
      'connections',
      'credentials',
      'delivery',
      'diagnostics',
      'errors',
      'links',
      'people',
      'practice',
      'responses',
      'sheets',
      'sites',
      'teams',
      'types',
      'updates'
    ])
  })

  it('sends each call on its channel with the parsed payload and unwraps the answer', async () => {
    const fake = fakeTransport({
      'credentials:status': success(status),
      'credentials:sign-in': success({ status, check: 'accepted', account: null }),
      'responses:list': success({ items: [{ id: 3, name: 'Left a message' }], skipped: 0 }),
      'links:open': success(undefined),
      'delivery:report': success(undefined)
    })
    const desk = buildDeskApi(fake.transport)
    expect(await desk.credentials.status()).toEqual(status)
    const signIn = {
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'jadams',
      password: 'password231'
    }
    expect(await desk.credentials.signIn(signIn)).toEqual({
      status,
      check: 'accepted',
      account: null
    })
    expect(await desk.responses.list({ typeId: 2 })).toEqual({
      items: [{ id: 3, name: 'Left a message' }],
      skipped: 0
    })
    await expect(desk.links.open('https://www.acstechnologies.com/')).resolves.toBeUndefined()
    await expect(
      desk.delivery.report({ unsentCount: 2, nextDueAt: null, captured: true })
    ).resolves.toBeUndefined()
    expect(fake.sent).toEqual([
      { channel: 'credentials:status', payload: undefined },
      // The default is filled in before the request leaves the page.
      { channel: 'credentials:sign-in', payload: { ...signIn, persistWithoutKeychain: false } },
      { channel: 'responses:list', payload: { typeId: 2 } },
      { channel: 'links:open', payload: { url: 'https://www.acstechnologies.com/' } },
      { channel: 'delivery:report', payload: { unsentCount: 2, nextDueAt: null, captured: true } }
    ])
  })

  it('refuses a malformed payload before sending, naming each failing path', async () => {
    const fake = fakeTransport()
    const desk = buildDeskApi(fake.transport)
    // Deliberately off-contract, as a page bug or a stale form might send it.
    const item = {
      id: 'a',
      idempotencyKey: 'k',
      body: { ...validBody, ConnectionDate: '2025-03-14' }
    } as unknown as SendItem
    const refused = await desk.delivery
      .send({ siteKey: 'practice#12345', items: [item] })
      .catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(InvalidPayloadError)
    expect((refused as InvalidPayloadError).fieldErrors).toHaveProperty([
      'items.0.body.ConnectionDate'
    ])
    expect((refused as InvalidPayloadError).message).toContain('items.0.body.ConnectionDate')

    const badPage = await desk.people
      .search({ query: '%', pageIndex: -1, pageSize: 5000 })
      .catch((error: unknown) => error)
    expect(Object.keys((badPage as InvalidPayloadError).fieldErrors ?? {}).sort()).toEqual([
      'pageIndex',
      'pageSize'
    ])
    expect(fake.sent).toEqual([])
  })

  it('rebuilds an error envelope into the typed error it names', async () => {
    const fake = fakeTransport({
      'credentials:sign-in': failure(new CredentialsRejectedError('The site said no')),
      'teams:list': failure(new NotSignedInError('Sign in first'))
    })
    const desk = buildDeskApi(fake.transport)
    const signIn = desk.credentials.signIn({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'jadams',
      password: 'wrong'
    })
    await expect(signIn).rejects.toBeInstanceOf(CredentialsRejectedError)
    await expect(signIn).rejects.toThrow('The site said no')
    await expect(desk.teams.list()).rejects.toBeInstanceOf(NotSignedInError)
  })

  it('refuses an answer outside the contract, and strips fields the contract lacks', async () => {
    const fake = fakeTransport({
      'teams:list': success({ items: [{ id: 'one', name: 'Greeters' }], skipped: 0 }),
      'credentials:status': success({ ...status, password: 'password231' }),
      'delivery:state': 'not an envelope'
    })
    const desk = buildDeskApi(fake.transport)
    const refused = await desk.teams.list().catch((error: unknown) => error)
    expect(refused).toBeInstanceOf(InvalidPayloadError)
    expect((refused as InvalidPayloadError).fieldErrors).toHaveProperty(['items.0.id'])
    const answer = await desk.credentials.status()
    expect(answer).toEqual(status)
    expect(JSON.stringify(answer)).not.toContain('password231')
    await expect(desk.delivery.state()).rejects.toBeInstanceOf(UnexpectedAnswerError)
  })

  it('passes valid notices to listeners, drops invalid ones loudly, and unsubscribes', () => {
    const fake = fakeTransport()
    const desk = buildDeskApi(fake.transport)
    const wakes: unknown[] = []
    const states: unknown[] = []
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const stopWake = desk.delivery.onWake((event) => wakes.push(event))
      const stopState = desk.delivery.onStateChanged((state) => states.push(state))
      fake.emit('delivery:wake', { reason: 'online' })
      fake.emit('delivery:wake', { reason: 'because' })
      fake.emit('delivery:state-changed', { online: false, paused: true, lastSuccessAt: 5 })
      expect(wakes).toEqual([{ reason: 'online' }])
      expect(states).toEqual([{ online: false, paused: true, lastSuccessAt: 5 }])
      expect(errors).toHaveBeenCalledTimes(1)
      expect(String(errors.mock.calls[0]?.[0])).toContain('reason')

      stopWake()
      stopState()
      expect(fake.listenerCount('delivery:wake')).toBe(0)
      expect(fake.listenerCount('delivery:state-changed')).toBe(0)
      fake.emit('delivery:wake', { reason: 'manual' })
      expect(wakes).toHaveLength(1)
    } finally {
      errors.mockRestore()
    }
  })
})
