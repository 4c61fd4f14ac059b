import { describe, expect, it, vi } from 'vitest'
import { createApplicationIdSetting } from '../../src/main/application-id-setting'
import { createBridgeHandlers, type BridgeServices } from '../../src/main/bridge-handlers'
import type {
  CredentialVault,
  Credentials,
  DeliveryService,
  SignInCheck
} from '../../src/main/service-contracts'
import type { CredentialStatus, SendItem } from '../../src/shared/bridge/channels'
import type { Envelope } from '../../src/shared/bridge/envelope'
import { CredentialsRejectedError, LinkNotAllowedError } from '../../src/shared/errors'
import { siteKeyOf } from '../../src/shared/site-key'
import { accountAt, fakeAcsApi } from './support/fake-acs-api'
import { createResultBackupFile } from '../../src/main/result-backup-file'

const PASSWORD = 'password231-secret'
const PRACTICE_PASSWORD = 'practice-pass-secret'
const SITE = 'https://secure.accessacs.com/api_accessacs_mobile/v2'
const sender = { id: 7 }

const validBody = {
  ConnectionId: 5,
  Complete: true,
  ConnectionDate: '03/14/2025',
  Reassign: false,
  NewCallerIndvId: -1,
  NewTeamId: -1,
  Comment: '',
  ResponseIdList: [-1]
}

/** A vault that keeps everything in memory and, like a careless one might, hands the
 *  password back in its status: the response schema must strip it. */
function fakeVault() {
  let saved: { credentials: Credentials; practice: boolean } | null = null
  const saves: Array<{ credentials: Credentials; options: object }> = []
  const status = (): CredentialStatus & { password?: string } => ({
    configured: saved !== null,
    baseUrl: saved?.credentials.baseUrl ?? SITE,
    siteNumber: saved?.credentials.siteNumber ?? null,
    username: saved?.credentials.username ?? null,
    backend: 'gnome_libsecret',
    persisted: saved !== null,
    practice: saved?.practice ?? false,
    siteKey: saved ? siteKeyOf({ ...saved.credentials, practice: saved.practice }) : null,
    needsSignIn: false,
    applicationId: 'none',
    ...(saved && { password: saved.credentials.password })
  })
  const vault: CredentialVault = {
    status: async () => status(),
    current: async () => saved?.credentials ?? null,
    currentSite: async () => {
      if (!saved) return null
      const siteKey = siteKeyOf({ ...saved.credentials, practice: saved.practice })
      return { ...saved.credentials, siteKey, sameSiteKeys: [siteKey] }
    },
    save: async (credentials, options) => {
      saves.push({ credentials, options })
      saved = { credentials, practice: options.practice }
      return status()
    },
    clear: async () => {
      saved = null
      return status()
    }
  }
  return { vault, saves }
}

const PRACTICE_BASE_URL = 'http://127.0.0.1:40123/api_accessacs_mobile/v2'

function memoryStore() {
  const values = new Map<string, unknown>()
  return {
    values,
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key)
  }
}

function setup(check?: (credentials: Credentials) => Promise<SignInCheck>) {
  const { vault, saves } = fakeVault()
  let practiceRunning = false
  const store = memoryStore()
  const applicationId = createApplicationIdSetting({ store, fromBuild: undefined })
  const calls: unknown[][] = []
  const record =
    <T>(name: string, answer: T) =>
    (...args: unknown[]) => {
      calls.push([name, ...args])
      return answer
    }
  const delivery: DeliveryService = {
    sendBatch: async ({ items }: { items: SendItem[] }, senderId: number) => {
      calls.push(['sendBatch', items.length, senderId])
      return {
        results: items.map((item) => ({
          id: item.id,
          outcome: { kind: 'not-attempted' as const, message: 'Paused' }
        })),
        paused: true
      }
    },
    stop: record('stop', undefined),
    report: record('report', undefined),
    state: () => ({ online: true, paused: false, lastSuccessAt: null }),
    resume: record('resume', undefined)
  }
  const services: BridgeServices = {
    vault,
    api: fakeAcsApi(calls, check),
    applicationId,
    delivery,
    backup: createResultBackupFile({ filePath: undefined, warn: record('backup.warn', undefined) }),
    practiceSite: {
      start: async () => {
        calls.push(['practice.start'])
        practiceRunning = true
        return {
          baseUrl: PRACTICE_BASE_URL,
          siteNumber: 12345,
          username: 'clerk',
          password: PRACTICE_PASSWORD
        }
      },
      address: () => (practiceRunning ? PRACTICE_BASE_URL : null),
      stop: async () => undefined
    },
    externalLinks: {
      open: async (url) => {
        calls.push(['open', url])
        if (!url.startsWith('https://www.acstechnologies.com/')) {
          throw new LinkNotAllowedError('Not on the list')
        }
      }
    }
  }
  return { handle: createBridgeHandlers(services), calls, saves, store, applicationId }
}

const signIn = (overrides: Record<string, unknown> = {}) => ({
  baseUrl: SITE,
  siteNumber: 12345,
  username: 'jadams',
  password: PASSWORD,
  ...overrides
})

const emailSignIn = (overrides: Record<string, unknown> = {}) => ({
  baseUrl: SITE,
  email: 'jadams@practice.example',
  password: PASSWORD,
  ...overrides
})

function errorOf(envelope: Envelope<unknown>) {
  if (envelope.ok) throw new Error(`expected an error, got ${JSON.stringify(envelope.result)}`)
  return envelope.error
}

function resultOf(envelope: Envelope<unknown>): unknown {
  if (!envelope.ok) throw new Error(`expected a result, got ${JSON.stringify(envelope.error)}`)
  return envelope.result
}

describe('bridge handlers', () => {
  it.each(['shell:open', 'toString', '__proto__', 'delivery:wake', ''])(
    'answers an unknown channel (%j) with an error envelope',
    async (channel) => {
      const error = errorOf(await setup().handle(channel, undefined, sender))
      expect(error.name).toBe('InvalidPayloadError')
      expect(error.message).toContain('is not a channel of Connections Desk')
    }
  )

  it('refuses malformed payloads, naming each failing path, before any service runs', async () => {
    const { handle, calls, saves } = setup()
    const cases: Array<[string, unknown, string[]]> = [
      [
        'credentials:sign-in',
        { baseUrl: SITE, siteNumber: '12345' },
        ['siteNumber', 'username', 'password']
      ],
      [
        'delivery:send',
        {
          siteKey: 'practice#12345',
          items: [
            { id: 'a', idempotencyKey: 'k', body: validBody },
            { id: 'b', idempotencyKey: 'k2', body: { ...validBody, ConnectionDate: '13/01/2025' } }
          ]
        },
        ['items.1.body.ConnectionDate']
      ],
      ['people:search', { query: 7, pageIndex: 0, pageSize: 5000 }, ['query', 'pageSize']],
      ['assignments:list', { typeId: 'one', pageIndex: 0, pageSize: 10 }, ['typeId']],
      ['responses:list', null, ['(payload)']],
      ['credentials:status', { sneaky: true }, ['(payload)']],
      [
        'delivery:report',
        { unsentCount: -1, nextDueAt: null, captured: 'yes' },
        ['unsentCount', 'captured']
      ]
    ]
    for (const [channel, payload, paths] of cases) {
      const error = errorOf(await handle(channel, payload, sender))
      expect(error.name, channel).toBe('InvalidPayloadError')
      expect(Object.keys(error.fieldErrors ?? {}).sort(), channel).toEqual([...paths].sort())
      for (const path of paths) expect(error.message, channel).toContain(path)
    }
    expect(calls).toEqual([])
    expect(saves).toEqual([])
  })

  it('signs in: checks, saves the normalized address, resumes delivery, answers the account', async () => {
    const { handle, calls, saves } = setup()
    const result = resultOf(
      await handle('credentials:sign-in', signIn({ baseUrl: ` ${SITE}/ ` }), sender)
    )
    expect(result).toMatchObject({
      check: 'accepted',
      status: { configured: true, username: 'jadams' },
      account: accountAt(12345, 'jadams')
    })
    expect(saves).toEqual([
      {
        credentials: { baseUrl: SITE, siteNumber: 12345, username: 'jadams', password: PASSWORD },
        options: { practice: false, persistWithoutKeychain: false }
      }
    ])
    expect(calls.map((call) => call[0])).toEqual(['checkSignIn', 'resume'])
  })

  it('refuses an http address off this computer without asking the site or saving', async () => {
    const { handle, calls, saves } = setup()
    const error = errorOf(
      await handle(
        'credentials:sign-in',
        signIn({ baseUrl: 'http://secure.accessacs.com/api' }),
        sender
      )
    )
    expect(error.name).toBe('InvalidSettingError')
    expect(error.message).toMatch(/https:\/\//)
    expect(calls).toEqual([])
    expect(saves).toEqual([])
  })

  it('allows plain http only to the running practice site’s own port', async () => {
    const { handle, calls, saves } = setup()
    const elsewhere = [
      'http://127.0.0.1:40124/api_accessacs_mobile/v2',
      'http://127.0.0.1:631/api',
      'http://localhost:40124/api',
      'http://127.0.0.2:40123/api'
    ]
    // Nothing is running yet: no loopback port at all, the practice site's included.
    for (const baseUrl of [...elsewhere, PRACTICE_BASE_URL]) {
      const error = errorOf(await handle('credentials:sign-in', signIn({ baseUrl }), sender))
      expect(error.name, baseUrl).toBe('InvalidSettingError')
      expect(error.message, baseUrl).toContain('practice site built into this app')
    }
    expect(calls).toEqual([])

    resultOf(await handle('practice:start', undefined, sender))
    for (const baseUrl of elsewhere) {
      const error = errorOf(await handle('credentials:sign-in', signIn({ baseUrl }), sender))
      expect(error.name, baseUrl).toBe('InvalidSettingError')
    }
    // Another practice user, typed in through the church form: the site's own address.
    resultOf(await handle('credentials:sign-in', signIn({ baseUrl: PRACTICE_BASE_URL }), sender))
    expect(saves.map((save) => save.credentials.baseUrl)).toEqual([
      PRACTICE_BASE_URL,
      PRACTICE_BASE_URL
    ])
  })

  it('saves nothing when the site rejects the credentials', async () => {
    const { handle, calls, saves } = setup(async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this username and password')
    })
    const error = errorOf(await handle('credentials:sign-in', signIn(), sender))
    expect(error).toEqual({
      name: 'CredentialsRejectedError',
      message: 'Access ACS did not accept this username and password'
    })
    expect(saves).toEqual([])
    expect(calls.map((call) => call[0])).toEqual(['checkSignIn'])
  })

  it('saves when the site cannot be reached, saying the check is still to come', async () => {
    const { handle, saves } = setup(async () => ({ check: 'offline', account: null }))
    const result = resultOf(
      await handle('credentials:sign-in', signIn({ persistWithoutKeychain: true }), sender)
    )
    expect(result).toMatchObject({ check: 'offline', account: null })
    expect(saves[0]?.options).toEqual({ practice: false, persistWithoutKeychain: true })
  })

  it('starts the practice site and signs in to it over loopback http', async () => {
    const { handle, calls, saves } = setup()
    const result = resultOf(await handle('practice:start', undefined, sender))
    expect(result).toMatchObject({
      check: 'accepted',
      status: { practice: true, username: 'clerk' }
    })
    expect(calls.map((call) => call[0])).toEqual(['practice.start', 'checkSignIn', 'resume'])
    expect(saves[0]?.options).toEqual({ practice: true, persistWithoutKeychain: false })
  })

  it('finds the sites of an e-mail, saving nothing', async () => {
    const { handle, calls, saves } = setup()
    const sites = resultOf(await handle('sites:find', emailSignIn(), sender))
    expect(sites).toEqual([accountAt(12345, 'jadams'), accountAt(12346, 'jane.adams')])
    expect(calls).toEqual([['findSites', SITE, 'jadams@practice.example']])
    expect(saves).toEqual([])
  })

  it('signs in by e-mail as the user name the chosen site knows, with the same password', async () => {
    const { handle, calls, saves } = setup()
    const result = resultOf(
      await handle('credentials:sign-in-email', emailSignIn({ siteNumber: 12346 }), sender)
    )
    expect(result).toMatchObject({ check: 'accepted', account: { siteNumber: 12346 } })
    expect(calls.map((call) => call.slice(0, 2))).toEqual([
      ['findSites', SITE],
      ['checkSignIn', 'jane.adams'],
      ['resume']
    ])
    expect(saves[0]?.credentials).toEqual({
      baseUrl: SITE,
      siteNumber: 12346,
      username: 'jane.adams',
      password: PASSWORD
    })
  })

  it('refuses an e-mail sign-in to a site the e-mail was not listed for', async () => {
    const { handle, saves } = setup()
    const error = errorOf(
      await handle('credentials:sign-in-email', emailSignIn({ siteNumber: 99 }), sender)
    )
    expect(error).toMatchObject({
      name: 'CredentialsRejectedError',
      message:
        'The e-mail jadams@practice.example may not sign in to site 99; choose one of the sites listed for it'
    })
    expect(saves).toEqual([])
  })

  it('keeps an ApplicationId typed at sign-in, and only if the sign-in went through', async () => {
    const guid = '3f2504e0-4f89-11d3-9a0c-0305e82c3301'
    const refused = setup(async () => {
      throw new CredentialsRejectedError('No')
    })
    errorOf(await refused.handle('credentials:sign-in', signIn({ applicationId: guid }), sender))
    expect(refused.applicationId.source()).toBe('none')

    const { handle, applicationId, store } = setup()
    await handle(
      'credentials:sign-in',
      signIn({ applicationId: `{${guid.toUpperCase()}}` }),
      sender
    )
    expect(applicationId.source()).toBe('override')
    expect(store.values.get('applicationId')).toBe(guid.toUpperCase())
    await handle('credentials:sign-in', signIn(), sender)
    expect(applicationId.source()).toBe('override')
    await handle('credentials:sign-in', signIn({ applicationId: '' }), sender)
    expect(applicationId.source()).toBe('none')
  })

  it('refuses an ApplicationId that is not a GUID, saying what one looks like', async () => {
    const { handle, calls } = setup()
    const error = errorOf(
      await handle('credentials:sign-in', signIn({ applicationId: 'my-app-key' }), sender)
    )
    expect(error.name).toBe('InvalidPayloadError')
    expect(error.fieldErrors?.applicationId?.[0]).toMatch(
      /^The application id must be a GUID: 32 letters and digits/
    )
    expect(calls).toEqual([])
  })

  it('signs in to the practice site as the practice user a trainer chose', async () => {
    const { handle, calls, saves } = setup()
    const result = resultOf(await handle('practice:start', { userName: 'readonly' }, sender))
    expect(result).toMatchObject({ status: { practice: true, username: 'readonly' } })
    expect(calls.find((call) => call[0] === 'checkSignIn')).toEqual([
      'checkSignIn',
      'readonly',
      12345
    ])
    expect(saves[0]?.credentials).toEqual({
      baseUrl: 'http://127.0.0.1:40123/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'readonly',
      password: 'readonly-pass-1'
    })
    expect(saves[0]?.options).toEqual({ practice: true, persistWithoutKeychain: false })

    const error = errorOf(await handle('practice:start', { userName: 'mallory' }, sender))
    expect(error.message).toBe(
      'The practice site has no user mallory; its users are jadams, clerk, readonly, nocomment'
    )
    expect(saves).toHaveLength(1)
  })

  it('says where the practice site runs and who its users are, without a password', async () => {
    const { handle, saves } = setup()
    const site = resultOf(await handle('practice:site', undefined, sender))
    expect(site).toEqual({
      baseUrl: 'http://127.0.0.1:40123/api_accessacs_mobile/v2',
      siteNumber: 12345,
      users: expect.arrayContaining([
        {
          userName: 'clerk',
          email: 'clerk@practice.example',
          description: expect.stringContaining('connection types 1 and 2')
        }
      ])
    })
    expect(JSON.stringify(site)).not.toMatch(/pass/i)
    expect(saves).toEqual([])
  })

  it('keeps a sign-in typed to the practice site’s address a practice sign-in', async () => {
    const { handle, saves } = setup()
    await handle('practice:site', undefined, sender)
    const result = resultOf(
      await handle(
        'credentials:sign-in',
        signIn({
          baseUrl: 'http://127.0.0.1:40123/api_accessacs_mobile/v2/',
          username: 'nocomment',
          password: 'nocomment-pass-1'
        }),
        sender
      )
    )
    expect(result).toMatchObject({ status: { practice: true, siteKey: 'practice#12345' } })
    expect(saves[0]?.options).toEqual({ practice: true, persistWithoutKeychain: false })

    await handle('credentials:sign-in', signIn(), sender)
    expect(saves[1]?.options).toEqual({ practice: false, persistWithoutKeychain: false })
  })

  it('never lets a password out in any answer', async () => {
    const { handle } = setup()
    const answers = [
      await handle('credentials:sign-in', signIn(), sender),
      await handle('credentials:status', undefined, sender),
      await handle('practice:start', undefined, sender),
      await handle('credentials:status', undefined, sender),
      await handle('credentials:sign-in', signIn({ siteNumber: 'x' }), sender),
      await handle('sites:find', emailSignIn(), sender),
      await handle('credentials:sign-in-email', emailSignIn({ siteNumber: 12346 }), sender),
      await handle('credentials:sign-out', undefined, sender)
    ]
    const text = JSON.stringify(answers)
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(PRACTICE_PASSWORD)
    expect(text).not.toContain('"password"')
  })

  it('signs out by clearing the vault only', async () => {
    const { handle, calls } = setup()
    await handle('credentials:sign-in', signIn(), sender)
    calls.length = 0
    const status = resultOf(await handle('credentials:sign-out', undefined, sender))
    expect(status).toMatchObject({ configured: false, username: null })
    expect(calls).toEqual([])
  })

  it('passes the current credentials to the account and every lookup of the real API', async () => {
    const { handle, calls } = setup()
    for (const channel of ['types:list', 'teams:list', 'account:get']) {
      expect(errorOf(await handle(channel, undefined, sender)).name).toBe('NotSignedInError')
    }
    await handle('credentials:sign-in', signIn(), sender)
    calls.length = 0
    expect(resultOf(await handle('types:list', undefined, sender))).toMatchObject({ skipped: 2 })
    await handle('account:get', undefined, sender)
    await handle('responses:list', { typeId: 3 }, sender)
    await handle('assignments:summary', { pageIndex: 0, pageSize: 50 }, sender)
    await handle('assignments:list', { typeId: 2, pageIndex: 1, pageSize: 500 }, sender)
    await handle('connections:get', { connectionId: 17 }, sender)
    await handle('connections:of-person', { personId: 76, pageIndex: 0, pageSize: 50 }, sender)
    await handle('people:search', { query: '%', pageIndex: 3, pageSize: 500 }, sender)
    await handle('people:get', { personId: 76 }, sender)
    expect(calls).toEqual([
      ['connectionTypes', 'jadams'],
      ['account', 'jadams'],
      ['responses', 3],
      ['assignmentSummary', 0, 50],
      ['assignments', 2, 1, 500],
      ['connection', 17],
      ['personConnections', 76, 0],
      ['people', '%', 3, 500],
      ['person', 76]
    ])
  })

  it('refuses pages past the service’s limits before any service runs', async () => {
    const { handle, calls } = setup()
    await handle('credentials:sign-in', signIn(), sender)
    calls.length = 0
    for (const [channel, payload, path] of [
      ['people:search', { query: '%', pageIndex: 0, pageSize: 501 }, 'pageSize'],
      ['assignments:summary', { pageIndex: -1, pageSize: 50 }, 'pageIndex'],
      ['assignments:list', { typeId: 1, pageIndex: 10_000, pageSize: 50 }, 'pageIndex']
    ] as const) {
      const error = errorOf(await handle(channel, payload, sender))
      expect(Object.keys(error.fieldErrors ?? {}), channel).toEqual([path])
    }
    expect(calls).toEqual([])
  })

  it('refuses a service answer outside the contract', async () => {
    const { handle } = setup()
    await handle('credentials:sign-in', signIn(), sender)
    const error = errorOf(await handle('teams:list', undefined, sender))
    expect(error.name).toBe('InvalidPayloadError')
    expect(error.fieldErrors).toHaveProperty(['items.0.id'])
  })

  it('passes delivery calls on with the sending window', async () => {
    const { handle, calls } = setup()
    const sent = await handle(
      'delivery:send',
      { siteKey: 'practice#12345', items: [{ id: 'a', idempotencyKey: 'k', body: validBody }] },
      sender
    )
    expect(resultOf(sent)).toEqual({
      results: [{ id: 'a', outcome: { kind: 'not-attempted', message: 'Paused' } }],
      paused: true
    })
    const report = { unsentCount: 3, nextDueAt: 1000, captured: false }
    expect(await handle('delivery:report', report, sender)).toEqual({ ok: true, result: undefined })
    expect(resultOf(await handle('delivery:state', undefined, sender))).toEqual({
      online: true,
      paused: false,
      lastSuccessAt: null
    })
    expect(calls).toEqual([
      ['sendBatch', 1, 7],
      ['report', report, 7]
    ])
  })

  it('opens links through the allowlist and returns its refusal as a typed error', async () => {
    const { handle } = setup()
    expect(
      await handle('links:open', { url: 'https://www.acstechnologies.com/help' }, sender)
    ).toEqual({ ok: true, result: undefined })
    expect(errorOf(await handle('links:open', { url: 'file:///etc/passwd' }, sender)).name).toBe(
      'LinkNotAllowedError'
    )
  })

  it('reports an unexpected fault as a DeskError and logs it', async () => {
    const { vault } = fakeVault()
    vault.status = async () => {
      throw new TypeError('store is broken')
    }
    const services = { vault } as unknown as BridgeServices
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    try {
      const error = errorOf(
        await createBridgeHandlers(services)('credentials:status', undefined, sender)
      )
      expect(error).toEqual({ name: 'DeskError', message: 'store is broken' })
      expect(errors).toHaveBeenCalledTimes(1)
    } finally {
      errors.mockRestore()
    }
  })
})
