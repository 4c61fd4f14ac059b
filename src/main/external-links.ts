import { messageOf } from '../shared/errors'
import { DeskError, LinkNotAllowedError } from '../shared/errors'
import type { ExternalLinks } from './service-contracts'

/** The hosts the app links to: Access ACS sign-in and ACS Technologies' help pages. */
export const ACS_LINK_HOSTS: readonly string[] = ['secure.accessacs.com', 'www.acstechnologies.com']

/**
 * Opens links in the system browser, but only https pages on the allowlist: the page must
 * never be able to make the OS open a file, a custom scheme or an arbitrary site.
 * openExternal is Electron's shell.openExternal, passed in so this runs in plain Node.
 */
export function createExternalLinks(
  openExternal: (url: string) => Promise<void>,
  allowlist: readonly string[] = ACS_LINK_HOSTS
): ExternalLinks {
  const hosts = new Set(allowlist.map((host) => host.toLowerCase()))

  return {
    async open(text: string): Promise<void> {
      const url = allowedUrl(text, hosts)
      try {
        await openExternal(url)
      } catch (error) {
        const reason = messageOf(error)
        throw new DeskError(`The system browser could not open ${url} (${reason})`)
      }
    }
  }
}

function allowedUrl(text: string, hosts: ReadonlySet<string>): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new LinkNotAllowedError('This link is not a web address, so it was not opened')
  }
  if (url.protocol !== 'https:') {
    throw new LinkNotAllowedError('Only secure (https://) links are opened from Connections Desk')
  }
  if (url.username || url.password || !hosts.has(url.hostname) || url.port !== '') {
    throw new LinkNotAllowedError(
      `Connections Desk opens only links to ${[...hosts].join(' and ')}; ${url.hostname} is not one of them`
    )
  }
  // The normalized form: what was checked is exactly what the browser gets.
  return url.href
}
