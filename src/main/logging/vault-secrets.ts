import type { CredentialVault } from '../service-contracts'

/**
 * The vault, telling the log each password it hands out or saves, so the log removes that
 * exact text from any line (whatever shape a careless line gives it).
 */
export function vaultWithLoggedSecrets(
  vault: CredentialVault,
  addSecret: (value: string) => void
): CredentialVault {
  return {
    ...vault,
    async current() {
      const credentials = await vault.current()
      if (credentials) addSecret(credentials.password)
      return credentials
    },
    async currentSite() {
      const credentials = await vault.currentSite()
      if (credentials) addSecret(credentials.password)
      return credentials
    },
    save(credentials, options) {
      addSecret(credentials.password)
      return vault.save(credentials, options)
    }
  }
}
