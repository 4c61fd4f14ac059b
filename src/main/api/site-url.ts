import { InvalidSettingError } from '../../shared/errors'
import { normalizeBaseUrl } from '../base-url'

/**
 * `{base}/{site}/{path}?query`. The base URL is checked again at every request (https, or
 * http on loopback only): a stored setting from an older version must not send a password
 * in the clear. Which loopback port is allowed is decided before, where the credentials
 * come from (signed-in-site.ts).
 */
export function siteUrl(
  baseUrl: string,
  siteNumber: number,
  path: string,
  query: Record<string, string | number> = {}
): URL {
  const base = normalizeBaseUrl(baseUrl)
  if (!Number.isSafeInteger(siteNumber) || siteNumber <= 0) {
    throw new InvalidSettingError('The site number must be a positive whole number, like 12345')
  }
  return withQuery(new URL(`${base}/${siteNumber}/${path.replace(/^\/+/, '')}`), query)
}

/** `{base}/{path}?query`: the few requests that name no site (finding one's sites). */
export function serviceUrl(
  baseUrl: string,
  path: string,
  query: Record<string, string | number> = {}
): URL {
  return withQuery(new URL(`${normalizeBaseUrl(baseUrl)}/${path.replace(/^\/+/, '')}`), query)
}

function withQuery(url: URL, query: Record<string, string | number>): URL {
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, String(value))
  return url
}
