import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { HarnessError } from './harness-error'

/**
 * A loopback TCP relay between the app's main services and the practice site: the app's
 * "network". Closed, it stops listening, so a request fails the way it does on a computer
 * without a network (ECONNREFUSED, before a byte is sent), and every open connection is
 * cut, as a pulled cable would. The site itself keeps running and stays reachable for the
 * test's own control requests (`/_sim/...`).
 */
export interface NetworkGate {
  /** `http://127.0.0.1:PORT`, the same port whether open or closed. */
  url: string
  port: number
  isOpen(): boolean
  setOpen(open: boolean): Promise<void>
  close(): Promise<void>
}

export async function startNetworkGate(targetPort: number): Promise<NetworkGate> {
  const sockets = new Set<Socket>()
  let server = createRelay(targetPort, sockets)
  const port = await listen(server, 0)
  let open = true

  async function shut(): Promise<void> {
    const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
    for (const socket of sockets) socket.resetAndDestroy()
    sockets.clear()
    await stopped
    // The client's side of a cut keep-alive connection learns of the reset on its next
    // turn of the event loop: let it, so the next request opens a new connection.
    await new Promise((resolve) => setTimeout(resolve, 10))
  }

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    isOpen: () => open,
    async setOpen(wanted) {
      if (wanted === open) return
      if (wanted) {
        server = createRelay(targetPort, sockets)
        await listen(server, port)
      } else {
        await shut()
      }
      open = wanted
    },
    async close() {
      if (open) await shut()
      open = false
    }
  }
}

function createRelay(targetPort: number, sockets: Set<Socket>): Server {
  return createServer((incoming) => {
    const outgoing = createConnection({ host: '127.0.0.1', port: targetPort })
    for (const socket of [incoming, outgoing]) {
      sockets.add(socket)
      socket.on('close', () => sockets.delete(socket))
    }
    // A reset on one side is passed on as a reset, so the client sees what a network
    // failure looks like rather than a clean end.
    incoming.on('error', () => outgoing.resetAndDestroy())
    outgoing.on('error', () => incoming.resetAndDestroy())
    incoming.pipe(outgoing)
    outgoing.pipe(incoming)
  })
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      reject(
        new HarnessError(
          `The harness's network gate could not listen on 127.0.0.1:${port} (${error.code ?? error.message}); another process may have taken the port while the desk was offline`
        )
      )
    })
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        reject(new HarnessError('The network gate did not get a TCP port'))
        return
      }
      resolve(address.port)
    })
  })
}
