/**
 * `scheme://host[:port]`, or null for URLs without a host (data:, about:, file:). Node's
 * URL calls the origin of a custom scheme such as app: opaque ("null"), while Chromium,
 * where the scheme is registered as standard, gives `app://desk`; this follows Chromium.
 */
export function originOf(text: string): string | null {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    return null
  }
  if (url.origin !== 'null') return url.origin
  if (!url.host) return null
  return `${url.protocol}//${url.host}`
}
