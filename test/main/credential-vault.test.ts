import { describe, expect, it } from 'vitest'
import { CREDENTIALS_KEY } from '../../src/main/credential-vault'
import { DEFAULT_BASE_URL } from '../../src/main/base-url'
import { credentials, PASSWORD, setup } from './vault-fakes'

describe('credential vault', () => {
  it('starts empty, suggesting the default site address', async () => {
    const { make } = setup()
    expect(await make().status()).toEqual({
      configured: false,
      baseUrl: DEFAULT_BASE_URL,
      siteNumber: null,
      username: null,
      backend: 'gnome_libsecret',
      persisted: false,
      practice: false,
      siteKey: null,
      needsSignIn: false,
      applicationId: 'none'
    })
    expect(await make().current()).toBeNull()
  })

  it.each([false, true])(
    'keeps the password only as ciphertext with a real keychain (async API: %s)',
    async (async) => {
      const { make, dump, data, state } = setup({ async })
      const vault = make()
      const status = await vault.save(credentials, {
        practice: false,
        persistWithoutKeychain: false
      })
      expect(status).toMatchObject({
        configured: true,
        persisted: true,
        needsSignIn: false,
        siteKey: `${credentials.baseUrl}#${credentials.siteNumber}`
      })
      expect(JSON.stringify(status)).not.toContain(PASSWORD)
      expect(dump()).not.toContain(PASSWORD)
      const stored = data.get(CREDENTIALS_KEY) as Record<string, unknown>
      expect(stored).toMatchObject({
        baseUrl: credentials.baseUrl,
        siteNumber: 12345,
        username: 'jadams'
      })
      expect(stored['passwordCiphertext']).toMatch(/^[A-Za-z0-9+/]+=*$/)

      // A fresh start reads it back through safeStorage.
      expect(await make().current()).toEqual(credentials)
      expect(state.calls).toContain(async ? 'decryptStringAsync' : 'decryptString')
      expect(state.calls).not.toContain(async ? 'decryptString' : 'decryptStringAsync')
      expect(state.calls).not.toContain(async ? 'encryptString' : 'encryptStringAsync')
    }
  )

  it.each(['basic_text', 'unknown'])(
    'keeps the password in memory only where the backend is %s',
    async (backend) => {
      const { make, dump, state } = setup()
      state.backend = backend
      const vault = make()
      const status = await vault.save(credentials, {
        practice: false,
        persistWithoutKeychain: false
      })
      expect(status).toMatchObject({ configured: true, persisted: false, backend })
      expect(await vault.current()).toEqual(credentials)
      expect(dump()).not.toContain(PASSWORD)
      expect(dump()).not.toContain('passwordCiphertext')
      expect(state.calls).not.toContain('encryptString')

      // After a restart the settings remain but the clerk types the password again.
      const restarted = make()
      expect(await restarted.current()).toBeNull()
      expect(await restarted.status()).toMatchObject({
        configured: false,
        username: 'jadams',
        siteNumber: 12345,
        needsSignIn: true
      })
    }
  )

  it('persists on a weak backend when the clerk asks, still only as ciphertext', async () => {
    const { make, dump, state } = setup()
    state.backend = 'basic_text'
    const status = await make().save(credentials, { practice: false, persistWithoutKeychain: true })
    expect(status).toMatchObject({ persisted: true, backend: 'basic_text' })
    expect(dump()).toContain('passwordCiphertext')
    expect(dump()).not.toContain(PASSWORD)
    expect(await make().current()).toEqual(credentials)
  })

  it('never writes the password when encryption is unavailable, even if asked to', async () => {
    const { make, dump, state } = setup({ async: true })
    state.available = false
    const vault = make()
    const status = await vault.save(credentials, { practice: true, persistWithoutKeychain: true })
    expect(status).toMatchObject({ configured: true, persisted: false, practice: true })
    // The practice site's port changes on every start; its outbox must not.
    expect(status.siteKey).toBe(`practice#${credentials.siteNumber}`)
    expect(dump()).not.toContain(PASSWORD)
    expect(dump()).not.toContain('passwordCiphertext')
    expect(await vault.current()).toEqual(credentials)
  })

  it('deletes a ciphertext that no longer decrypts and asks for sign-in', async () => {
    const { make, data, state, warnings } = setup()
    await make().save(credentials, { practice: false, persistWithoutKeychain: false })
    // The keychain was replaced: nothing sealed before opens again.
    state.key = 0x33
    state.openable = new Set([0x33])

    const restarted = make()
    const status = await restarted.status()
    expect(status).toMatchObject({ configured: false, persisted: false, needsSignIn: true })
    expect(status.username).toBe('jadams')
    expect(await restarted.current()).toBeNull()
    expect(data.get(CREDENTIALS_KEY)).not.toHaveProperty('passwordCiphertext')
    expect(warnings.join('\n')).toMatch(/could not be decrypted and was removed/)

    // Signing in again stores a fresh ciphertext under the new key.
    await restarted.save(credentials, { practice: false, persistWithoutKeychain: false })
    expect(await make().current()).toEqual(credentials)
  })

  it('keeps the ciphertext for later when the keychain is not available yet', async () => {
    const { make, data, state } = setup({ async: true })
    await make().save(credentials, { practice: false, persistWithoutKeychain: false })
    state.available = false
    expect(await make().status()).toMatchObject({ configured: false, needsSignIn: true })
    expect(data.get(CREDENTIALS_KEY)).toHaveProperty('passwordCiphertext')
    state.available = true
    expect(await make().current()).toEqual(credentials)
  })

  it('re-encrypts when safeStorage says the key was rotated', async () => {
    const { make, data, state } = setup({ async: true })
    await make().save(credentials, { practice: false, persistWithoutKeychain: false })
    const ciphertext = () =>
      (data.get(CREDENTIALS_KEY) as { passwordCiphertext: string }).passwordCiphertext
    const before = ciphertext()
    // A new key seals from now on; the old one still opens what it sealed.
    state.key = 0x21
    state.openable.add(0x21)
    state.reEncrypt = true
    expect(await make().current()).toEqual(credentials)
    expect(ciphertext()).not.toBe(before)
    state.reEncrypt = false
    state.openable = new Set([0x21])
    expect(await make().current()).toEqual(credentials)
  })

  it('removes unreadable saved settings instead of guessing', async () => {
    const { make, data, store, warnings } = setup()
    store.set(CREDENTIALS_KEY, { baseUrl: 7, username: ['x'] })
    expect(await make().status()).toMatchObject({ configured: false, needsSignIn: false })
    expect(data.has(CREDENTIALS_KEY)).toBe(false)
    expect(warnings).toHaveLength(1)
  })

  it('forgets everything on clear', async () => {
    const { make, data } = setup()
    const vault = make()
    await vault.save(credentials, { practice: true, persistWithoutKeychain: false })
    const status = await vault.clear()
    expect(status).toMatchObject({
      configured: false,
      siteNumber: null,
      username: null,
      persisted: false,
      practice: false,
      siteKey: null,
      needsSignIn: false
    })
    expect(await vault.current()).toBeNull()
    expect(data.size).toBe(0)
    expect(await make().current()).toBeNull()
  })

  it('names the OS keychain outside Linux', async () => {
    expect((await setup({ platform: 'darwin' }).make().status()).backend).toBe('keychain')
    expect((await setup({ platform: 'win32' }).make().status()).backend).toBe('dpapi')
  })
})
