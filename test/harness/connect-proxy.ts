import { createServer, type IncomingMessage, type Server } from 'node:http'
import { connect, type AddressInfo, type Socket } from 'node:net'
import { HarnessError } from './harness-error'

/**
 * An office's proxy server in miniature, on 127.0.0.1: it opens HTTP CONNECT tunnels to
 * loopback ports only. `refuse` makes it answer every tunnel request with that status
 * instead (407 asks for a sign-in, 403 is a block).
 */
export interface ConnectProxy {
  /** `127.0.0.1:PORT`, as a PAC answer names it. */
  address: string
  /** The tunnels opened so far, by target (`127.0.0.1:PORT`). */
  tunnels(): string[]
  refuse(status: number | undefined): void
  close(): Promise<void>
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = []
  const sockets = new Set<Socket>()
  let refusal: number | undefined
  const server: Server = createServer((_request, response) => {
    // Only tunnels: plain requests through a proxy are not what the app sends.
    response.writeHead(405).end()
  })
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    sockets.add(client)
    client.on('close', () => sockets.delete(client))
    client.on('error', () => client.destroy())
    const target = /^127\.0\.0\.1:(\d{1,5})$/.exec(request.url ?? '')
    if (refusal !== undefined || !target) {
      const status = refusal ?? 403
      const challenge = status === 407 ? 'Proxy-Authenticate: Negotiate\r\n' : ''
      client.end(`HTTP/1.1 ${status} Refused\r\n${challenge}Content-Length: 0\r\n\r\n`)
      return
    }
    tunnels.push(request.url ?? '')
    const upstream = connect(Number(target[1]), '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n')
      if (head.length > 0) upstream.write(head)
      upstream.pipe(client)
      client.pipe(upstream)
    })
    sockets.add(upstream)
    upstream.on('close', () => sockets.delete(upstream))
    upstream.on('error', () => client.destroy())
    client.on('close', () => upstream.destroy())
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  if (!port) throw new HarnessError('The proxy did not get a port')
  return {
    address: `127.0.0.1:${port}`,
    tunnels: () => [...tunnels],
    refuse(status) {
      refusal = status
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        for (const socket of sockets) socket.destroy()
        server.close((error) => (error ? reject(error) : resolve()))
      })
  }
}
