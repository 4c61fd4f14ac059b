/**
 * Every Access ACS site gets its own outbox, so one church's unsent results can never be
 * delivered to another's. The key names the site, not where it is reached from this run:
 * the built-in practice site listens on a new port each start, so its key leaves the
 * address out (`"practice#12345"`); a church's site is `"<baseUrl>#<siteNumber>"`.
 * The main process computes it for the credential status and for every send, so both
 * sides of the bridge agree on it by construction.
 */
export interface SiteIdentity {
  baseUrl: string
  siteNumber: number
  practice: boolean
}

export const PRACTICE_SITE_KEY_PREFIX = 'practice'

export function siteKeyOf(site: SiteIdentity): string {
  if (site.practice) return `${PRACTICE_SITE_KEY_PREFIX}#${site.siteNumber}`
  // A trailing slash is the same site to the service, so it must be the same database.
  return `${site.baseUrl.trim().replace(/\/+$/, '')}#${site.siteNumber}`
}

export function isPracticeSiteKey(siteKey: string): boolean {
  return siteKey.startsWith(`${PRACTICE_SITE_KEY_PREFIX}#`)
}
