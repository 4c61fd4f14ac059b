import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAcsApi } from '../../src/main/api/acs-api'
import { createApplicationIdSetting } from '../../src/main/application-id-setting'
import { createCredentialVault } from '../../src/main/credential-vault'
import { createSignIn } from '../../src/main/sign-in'
import { CredentialsRejectedError, SiteUnreachableError } from '../../src/shared/errors'
import { startSite, type SiteFixture } from './api/practice-site-fixture'

let fixture: SiteFixture
const api = createAcsApi({ totalTimeoutMs: 5_000 })

beforeAll(async () => {
  fixture = await startSite(40)
})
afterAll(async () => {
  await api.close()
  await fixture.close()
})

function memoryStore() {
  const values = new Map<string, unknown>()
  return {
    get: (key: string) => values.get(key),
    set: (key: string, value: unknown) => void values.set(key, value),
    delete: (key: string) => void values.delete(key)
  }
}

/**
 * Plain http is allowed only to the practice site running now (base-url.ts), so the site
 * these tests sign in to stands for it.
 */
function signInService(practiceAddress: string = fixture.site.baseUrl) {
  const store = memoryStore()
  const vault = createCredentialVault({
    safeStorage: {
      isEncryptionAvailable: () => true,
      encryptString: (text) => Buffer.from(text).reverse(),
      decryptString: (sealed) => Buffer.from(sealed).reverse().toString()
    },
    store,
    platform: 'darwin'
  })
  const applicationId = createApplicationIdSetting({ store, fromBuild: undefined })
  let resumed = 0
  const signIn = createSignIn({
    vault,
    api,
    applicationId,
    delivery: { resume: () => resumed++ },
    practiceSite: { address: () => practiceAddress }
  })
  return { signIn, vault, resumed: () => resumed }
}

describe('signing in against the practice site', () => {
  it('by e-mail: finds both of jadams’s sites, then signs in to the chosen one', async () => {
    const { signIn, vault, resumed } = signInService()
    const request = {
      baseUrl: fixture.site.baseUrl,
      email: 'jadams@practice.example',
      password: 'password231'
    }
    const sites = await signIn.findSites(request)
    expect(sites.map((site) => site.siteNumber)).toEqual([12345, 12346])
    expect(await vault.current()).toBeNull()
    const result = await signIn.withEmail({
      ...request,
      siteNumber: 12346,
      persistWithoutKeychain: false
    })
    expect(result).toMatchObject({
      check: 'accepted',
      account: { siteNumber: 12346, userName: 'jadams', role: 'administrator' },
      status: { configured: true, siteNumber: 12346, username: 'jadams' }
    })
    expect(resumed()).toBe(1)
  })

  it('by e-mail with a wrong password: one plain sentence, nothing saved', async () => {
    const { signIn, vault } = signInService()
    const attempt = signIn.withEmail({
      baseUrl: fixture.site.baseUrl,
      email: 'clerk@practice.example',
      password: 'password231',
      siteNumber: 12345,
      persistWithoutKeychain: false
    })
    await expect(attempt).rejects.toBeInstanceOf(CredentialsRejectedError)
    await expect(attempt).rejects.toThrow(
      'Access ACS did not accept that e-mail and password together; check both and try again'
    )
    expect(await vault.current()).toBeNull()
  })

  it('by e-mail while the site is unreachable: says the older path works offline', async () => {
    const gone = await startSite(5)
    const baseUrl = gone.site.baseUrl
    await gone.close()
    const { signIn } = signInService(baseUrl)
    const attempt = signIn.findSites({ baseUrl, email: 'clerk@practice.example', password: 'x' })
    await expect(attempt).rejects.toBeInstanceOf(SiteUnreachableError)
    await expect(attempt).rejects.toThrow(/site number and user name works offline too/)
  })

  it('by site number and user name: the older path answers the account too', async () => {
    const { signIn } = signInService()
    const result = await signIn.withUserName({
      ...fixture.credentials('nocomment'),
      persistWithoutKeychain: false
    })
    expect(result.account?.rights).toMatchObject({
      comments: 'view',
      mayPostChangeRequests: false
    })
  })
})
