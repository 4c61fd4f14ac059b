import { describe, expect, it } from 'vitest'
import { vaultWithLoggedSecrets } from '$main/logging/vault-secrets'
import type { CredentialVault, Credentials } from '$main/service-contracts'

describe('vaultWithLoggedSecrets', () => {
  it('hands the log every password it saves or gives out, and changes nothing else', async () => {
    let stored: Credentials | null = null
    const status = { configured: true } as Awaited<ReturnType<CredentialVault['status']>>
    const vault: CredentialVault = {
      status: async () => status,
      current: async () => stored,
      currentSite: async () =>
        stored && { ...stored, siteKey: 'https://x#1', sameSiteKeys: ['https://x#1'] },
      save: async (credentials) => {
        stored = credentials
        return status
      },
      clear: async () => status
    }
    const secrets: string[] = []
    const wrapped = vaultWithLoggedSecrets(vault, (value) => secrets.push(value))
    expect(await wrapped.current()).toBeNull()
    const credentials = { baseUrl: 'https://x', siteNumber: 1, username: 'u', password: 'pw-1' }
    expect(
      await wrapped.save(credentials, { practice: false, persistWithoutKeychain: false })
    ).toBe(status)
    expect(await wrapped.current()).toEqual(credentials)
    expect(secrets).toEqual(['pw-1', 'pw-1'])
    // The credentials delivery reads with their site's key are told too.
    expect((await wrapped.currentSite())?.password).toBe('pw-1')
    expect(secrets).toEqual(['pw-1', 'pw-1', 'pw-1'])
    expect(await wrapped.status()).toBe(status)
  })
})
