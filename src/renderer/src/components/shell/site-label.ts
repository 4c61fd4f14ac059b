import { isPracticeSiteKey } from '$shared/site-key'

/** "site 12345 (secure.accessacs.com)", or "the practice site", from a site key. */
export function siteLabelOf(siteKey: string): string {
  if (isPracticeSiteKey(siteKey)) return 'the practice site'
  const hash = siteKey.lastIndexOf('#')
  if (hash < 0) return siteKey
  const siteNumber = siteKey.slice(hash + 1)
  return `site ${siteNumber} (${hostOf(siteKey.slice(0, hash))})`
}

function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host
  } catch {
    // A key saved from an address the URL parser refuses still names the site somehow.
    return baseUrl
  }
}
