import type { CredentialStatus } from '../shared/bridge/channels'
import { InvalidSettingError } from '../shared/errors'
import { checkBaseUrl } from './base-url'
import { isPracticeSiteKey, siteKeyOf } from '../shared/site-key'
import type {
  CredentialVault,
  Credentials,
  PracticeSiteHost,
  SiteCredentials
} from './service-contracts'

/**
 * What a practice sign-in stores as its address. The practice site listens on a new port
 * each time the app starts, so a stored port would be dead after a restart; this is not an
 * address at all (nothing can be sent to it), and the real one is asked of the host.
 */
export const PRACTICE_SITE_STORED_ADDRESS = 'built-in:practice-site'

/**
 * The vault as the rest of the main process uses it: a practice sign-in is resolved to the
 * practice site running now, which is started first if it is not running yet (after a
 * restart, before the first send or lookup); a church sign-in on plain http is used only
 * while it still names that running practice site.
 */
export function withPracticeSite(
  vault: CredentialVault,
  practiceSite: PracticeSiteHost
): CredentialVault {
  function shown(status: CredentialStatus): CredentialStatus {
    if (!status.practice) return status
    return { ...status, baseUrl: practiceSite.address() ?? PRACTICE_SITE_STORED_ADDRESS }
  }

  async function current(): Promise<Credentials | null> {
    const [status, credentials] = await Promise.all([vault.status(), vault.current()])
    if (!credentials) return null
    return usable(credentials, status.practice)
  }

  /**
   * The credentials delivery sends with, read with their site's key in one read. The
   * practice site running now is one site under two names: its own key, and the key of a
   * church sign-in made at its address (which has the port in it).
   */
  async function currentSite(): Promise<SiteCredentials | null> {
    const credentials = await vault.currentSite()
    if (!credentials) return null
    const site = await usable(credentials, isPracticeSiteKey(credentials.siteKey))
    const running = practiceSite.address()
    if (running === null || !sameAddress(site.baseUrl, running)) return site
    const { siteNumber } = site
    const names = [true, false].map((practice) =>
      siteKeyOf({ baseUrl: running, siteNumber, practice })
    )
    return { ...site, sameSiteKeys: [...new Set([...site.sameSiteKeys, ...names])] }
  }

  async function usable<T extends Credentials>(credentials: T, practice: boolean): Promise<T> {
    if (practice) {
      const running = await practiceSite.start()
      return { ...credentials, baseUrl: running.baseUrl }
    }
    if (/^\s*http:/i.test(credentials.baseUrl)) {
      try {
        checkBaseUrl(credentials.baseUrl, practiceSite.address())
      } catch (error) {
        if (!(error instanceof InvalidSettingError)) throw error
        // Signed in to the practice site's address of an earlier run: another program may
        // listen there now, and it must not get the password.
        throw new InvalidSettingError(
          'The saved site address uses plain http:// on this computer, and the practice site is no longer there; sign in again (Settings → Sign in)'
        )
      }
    }
    return credentials
  }

  return {
    status: async () => shown(await vault.status()),
    current,
    currentSite,
    save: async (credentials, options) =>
      shown(
        await vault.save(
          options.practice
            ? { ...credentials, baseUrl: PRACTICE_SITE_STORED_ADDRESS }
            : credentials,
          options
        )
      ),
    clear: async () => shown(await vault.clear())
  }
}

/** The same place: base URLs that differ at most by trailing slashes, as siteKeyOf reads them. */
function sameAddress(baseUrl: string, other: string): boolean {
  const trimmed = (url: string): string => url.trim().replace(/\/+$/, '')
  return trimmed(baseUrl) === trimmed(other)
}
