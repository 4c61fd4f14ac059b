import { InvalidSettingError } from '../shared/errors'

/** CONTRACT.md section 0: where the Access ACS mobile API lives unless a church says else. */
export const DEFAULT_BASE_URL = 'https://secure.accessacs.com/api_accessacs_mobile/v2'

const EXAMPLE = `it should look like ${DEFAULT_BASE_URL}`

/**
 * Loopback as CONTRACT.md section 0 names it: 127.0.0.0/8, ::1 and localhost. The URL
 * parser has already normalized the host (127.1 is 127.0.0.1, IPv6 is bracketed).
 */
export function isLoopbackHost(hostname: string): boolean {
  if (hostname === 'localhost' || hostname === '[::1]') return true
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(hostname)
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255)
}

/**
 * A base URL checked for its form and normalized (no trailing slash), or an
 * InvalidSettingError saying what to change: https, or plain http on this computer only
 * (loopback), never a username or password or `?`/`#` parts. Every request checks this
 * again (site-url.ts); where plain http may go is decided by checkBaseUrl, at sign-in and
 * each time a stored sign-in is used.
 */
export function normalizeBaseUrl(text: string): string {
  let url: URL
  try {
    url = new URL(text.trim())
  } catch {
    throw new InvalidSettingError(
      `The site address "${shorten(text)}" is not a web address; ${EXAMPLE}`
    )
  }
  if (url.username || url.password) {
    throw new InvalidSettingError(
      'The site address must not contain a username or password; type them in their own fields'
    )
  }
  if (url.search || url.hash) {
    throw new InvalidSettingError(`The site address must not end in ? or # parts; ${EXAMPLE}`)
  }
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    throw new InvalidSettingError(HTTP_REFUSED)
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InvalidSettingError(`The site address must start with https://; ${EXAMPLE}`)
  }
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}`
}

/**
 * The base URL a clerk typed (or a stored sign-in), checked and normalized. Plain http
 * would send the password in the clear, and the page must not be able to aim the main
 * process at any other program listening on this computer: so http is allowed only to the
 * practice site running inside this app, at its own address (`practiceSite`, null when it
 * is not running).
 */
export function checkBaseUrl(text: string, practiceSite: string | null): string {
  const normalized = normalizeBaseUrl(text)
  const url = new URL(normalized)
  if (
    url.protocol === 'http:' &&
    (practiceSite === null || url.origin !== originOf(practiceSite))
  ) {
    throw new InvalidSettingError(HTTP_REFUSED)
  }
  return normalized
}

const HTTP_REFUSED =
  'The site address must start with https:// — plain http:// would send your password unprotected, so it is allowed only for the practice site built into this app (choose "Use the practice site" instead)'

function originOf(address: string): string | null {
  try {
    return new URL(address).origin
  } catch {
    return null
  }
}

function shorten(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text
}
