import type { IncomingMessage } from 'node:http'
import { messageAnswer, type Answer } from './http-answer'

/**
 * What every request must pass before the site looks at it. The practice site listens on
 * loopback inside the clerk's app, so the callers to keep out are web pages in a browser on
 * the same computer:
 *
 * - a page on another name that was re-pointed at 127.0.0.1 (DNS rebinding) reaches the
 *   site as same-origin, but its requests still say that name in `Host`;
 * - any page's POST carries an `Origin` header, which the app's own client never sends;
 * - the body types a page may send without a CORS preflight (`text/plain`, forms) are
 *   never JSON, so a JSON route refuses them (ASP.NET answers 415 the same way).
 *
 * `hosts` is read at each request: the port is known only once the site listens.
 */
export function createRequestDoor(hosts: () => ReadonlySet<string>) {
  return (req: IncomingMessage): Answer | undefined => {
    const host = req.headers.host?.trim().toLowerCase()
    if (!host || !hosts().has(host)) {
      return refused(
        403,
        `The practice site answers requests addressed to itself only, not to ${host ? `"${host.slice(0, 100)}"` : 'an unnamed host'}.`
      )
    }
    if (req.headers.origin !== undefined) {
      return refused(403, 'The practice site answers Connections Desk only, not web pages.')
    }
    const type = mediaTypeOf(req.headers['content-type'])
    if (type !== undefined && hasBody(req) && !isJson(type)) {
      return refused(
        415,
        `The request entity's media type '${type.slice(0, 100)}' is not supported for this resource.`
      )
    }
    return undefined
  }
}

/** The `Host` values a site on 127.0.0.1:port answers to, besides any relay in front. */
export function ownHosts(port: number, alsoKnownAs: readonly string[] = []): Set<string> {
  return new Set([
    `127.0.0.1:${port}`,
    `localhost:${port}`,
    ...alsoKnownAs.map((host) => host.toLowerCase())
  ])
}

function refused(status: number, message: string): Answer {
  // The body was not read: closing is the only way the next request starts clean.
  return { ...messageAnswer(status, message), close: true }
}

function mediaTypeOf(header: string | undefined): string | undefined {
  if (header === undefined) return undefined
  return (header.split(';')[0] ?? '').trim().toLowerCase()
}

function isJson(type: string): boolean {
  return type === 'application/json' || /^application\/[a-z0-9.+-]+\+json$/.test(type)
}

function hasBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length']
  if (length !== undefined) return length.trim() !== '0'
  return req.headers['transfer-encoding'] !== undefined
}
