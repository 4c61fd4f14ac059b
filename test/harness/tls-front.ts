import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { HarnessError } from './harness-error'
import { serverIdentity, type IdentityName } from './tls-certificates'

/**
 * A TLS front on 127.0.0.1 for the practice site: what a church's https site would be,
 * presenting one of the test certificates. `present()` swaps the certificate on the same
 * address, as a site (or a web filter put in front of it) might overnight.
 */
export interface TlsFront {
  /** The API's base URL through the front: `https://127.0.0.1:PORT/api_accessacs_mobile/v2`. */
  baseUrl: string
  port: number
  present(identity: IdentityName): void
  /** Requests relayed to the site so far: a refused handshake relays nothing. */
  relayed(): number
  close(): Promise<void>
}

export async function startTlsFront(
  targetBaseUrl: string,
  identity: IdentityName
): Promise<TlsFront> {
  const target = new URL(targetBaseUrl)
  if (target.hostname !== '127.0.0.1' || target.protocol !== 'http:') {
    throw new HarnessError(`The TLS front relays to http://127.0.0.1 only, not ${target.origin}`)
  }
  let relayed = 0
  const server: Server = createServer(serverIdentity(identity), (incoming, outgoing) => {
    relayed++
    relay(incoming, outgoing, target)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    baseUrl: `https://127.0.0.1:${port}${target.pathname}`,
    port,
    present(name) {
      server.setSecureContext(serverIdentity(name))
      // Reused connections would keep the old certificate; a swap means new handshakes.
      server.closeIdleConnections()
    },
    relayed: () => relayed,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

function relay(incoming: IncomingMessage, outgoing: ServerResponse, target: URL): void {
  const forward = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      // The site sees its own address, as behind any front.
      headers: { ...incoming.headers, host: target.host }
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(outgoing)
      answer.on('error', () => outgoing.destroy())
    }
  )
  forward.on('error', () => outgoing.destroy())
  incoming.pipe(forward)
}
