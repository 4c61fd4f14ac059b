import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAcsClient } from '../../src/main/api/acs-client'
import { createAcsApi } from '../../src/main/api/acs-api'
import { createCredentialVault } from '../../src/main/credential-vault'
import { createPracticeSiteHost } from '../../src/main/practice-site-host'
import type { CredentialVault, PracticeSiteHost } from '../../src/main/service-contracts'
import { PRACTICE_SITE_STORED_ADDRESS, withPracticeSite } from '../../src/main/signed-in-site'
import { InvalidSettingError } from '../../src/shared/errors'
import { createMemoryKeychain, type MemoryKeychain } from '../harness/memory-keychain'
import { newConnectionBody } from '../shared/support/outbox-fixtures'

/**
 * One run of the app: its own practice-site host (a new port each time, one state file in
 * the data folder) and its own vault over the settings and keychain that outlive it.
 */
interface AppRun {
  host: PracticeSiteHost
  vault: CredentialVault
}

let folder: string
let keychain: MemoryKeychain
const hosts: PracticeSiteHost[] = []

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'signed-in-site-'))
  keychain = createMemoryKeychain()
})

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()))
  await rm(folder, { recursive: true, force: true })
})

function startApp(): AppRun {
  const host = createPracticeSiteHost({ statePath: join(folder, 'practice-site.json'), people: 30 })
  hosts.push(host)
  const vault = withPracticeSite(
    createCredentialVault({
      safeStorage: keychain.safeStorage,
      store: keychain.store,
      platform: 'linux'
    }),
    host
  )
  return { host, vault }
}

async function quit(run: AppRun): Promise<void> {
  await run.host.stop()
}

describe('a practice sign-in', () => {
  it('is kept without the practice site’s port, which changes at every start', async () => {
    const first = startApp()
    const site = await first.host.start()
    const status = await first.vault.save(site, { practice: true, persistWithoutKeychain: false })
    expect(status).toMatchObject({
      practice: true,
      baseUrl: site.baseUrl,
      siteKey: 'practice#12345'
    })
    const port = new URL(site.baseUrl).port
    expect(keychain.snapshot()).not.toContain(`:${port}`)
    expect(keychain.snapshot()).toContain(PRACTICE_SITE_STORED_ADDRESS)
  })

  it('starts the practice site by itself after a restart, before the first send', async () => {
    const first = startApp()
    const site = await first.host.start()
    await first.vault.save(site, { practice: true, persistWithoutKeychain: false })
    const client = createAcsClient()
    const item = {
      id: 'saved-before-restart',
      idempotencyKey: 'practice-restart-key',
      body: newConnectionBody('sent once before the restart')
    }
    try {
      const before = await client.postChangeRequest((await first.vault.current())!, item)
      expect(before.kind).toBe('accepted')
      await quit(first)

      const second = startApp()
      expect(second.host.address()).toBeNull()
      // The status does not start it (the screen asks for it often); the address is no port.
      expect((await second.vault.status()).baseUrl).toBe(PRACTICE_SITE_STORED_ADDRESS)
      const credentials = await second.vault.current()
      expect(second.host.address()).not.toBeNull()
      expect(credentials?.baseUrl).toBe(second.host.address())
      expect(credentials?.baseUrl).not.toBe(site.baseUrl)
      expect(await second.vault.status()).toMatchObject({
        baseUrl: second.host.address(),
        siteKey: 'practice#12345'
      })
      // The same state file: the result sent before is known, so a resend is no duplicate.
      const again = await client.postChangeRequest(credentials!, item)
      expect(again).toEqual({ ...before, idempotencyHonoured: true })
    } finally {
      await client.close()
    }
  })

  it('reads a sign-in kept by an older version, port and all, as the running site', async () => {
    keychain.store.set('credentials', {
      baseUrl: 'http://127.0.0.1:9/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'jadams',
      practice: true,
      passwordCiphertext: keychain.safeStorage.encryptString('password231').toString('base64')
    })
    const run = startApp()
    const credentials = await run.vault.current()
    expect(credentials?.baseUrl).toBe(run.host.address())
    const api = createAcsApi()
    try {
      expect((await api.checkSignIn(credentials!)).check).toBe('accepted')
    } finally {
      await api.close()
    }
  })
})

describe('a church sign-in on plain http', () => {
  it('is used while it names the running practice site, and refused once it does not', async () => {
    const first = startApp()
    const site = await first.host.start()
    // Another practice user, typed into the church form: the practice site's own address.
    await first.vault.save(
      { ...site, username: 'clerk', password: 'clerk-pass-1' },
      { practice: false, persistWithoutKeychain: false }
    )
    expect((await first.vault.current())?.baseUrl).toBe(site.baseUrl)
    await quit(first)

    // After a restart that address is dead, or some other program's: no password goes there.
    const second = startApp()
    await expect(second.vault.current()).rejects.toThrow(InvalidSettingError)
    await expect(second.vault.current()).rejects.toThrow(/sign in again/)
    await second.host.start()
    await expect(second.vault.current()).rejects.toThrow(/sign in again/)
  })

  it('leaves https sign-ins as they are, without starting the practice site', async () => {
    const run = startApp()
    const church = {
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 4711,
      username: 'clerk',
      password: 'church-secret'
    }
    await run.vault.save(church, { practice: false, persistWithoutKeychain: false })
    expect(await run.vault.current()).toEqual(church)
    expect(await run.vault.status()).toMatchObject({ baseUrl: church.baseUrl, practice: false })
    expect(run.host.address()).toBeNull()
  })
})
