/** "site 12345 (secure.accessacs.com)" from a site key `"<baseUrl>#<siteNumber>"`. */
export function siteLabelOf(siteKey: string): string {
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
