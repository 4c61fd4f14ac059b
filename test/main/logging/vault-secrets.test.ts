import { describe, expect, it } from 'vitest'
import { vaultWithLoggedSecrets } from '../../../src/main/logging/vault-secrets'
import type { CredentialVault, Credentials } from '../../../src/main/service-contracts'

describe('vaultWithLoggedSecrets', () => {
  it('hands the log every password it saves or gives out, and changes nothing else', async () => {
    let stored: Credentials | null = null
    const status = { configured: true } as Awaited<ReturnType<CredentialVault['status']>>
    const vault: CredentialVault = {
      status: async () => status,
      current: async () => stored,
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
    expect(await wrapped.status()).toBe(status)
  })
})
