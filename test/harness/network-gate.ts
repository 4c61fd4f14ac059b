import { createConnection, createServer, type Server, type Socket } from 'node:net'
import { HarnessError } from './harness-error'

/**
 * A loopback TCP relay between the app's main services and the practice site: the app's
 * "network". Closed, it stops listening, so a request fails the way it does on a computer
 * without a network (ECONNREFUSED, before a byte is sent), and every open connection is
 * cut, as a pulled cable would. The site itself keeps running and stays reachable for the
 * test's own control requests (`/_sim/...`).
 *
 * The gate is the address the app knows the practice site by, so each app run gets its
 * own (a new port, as the app's own practice site gets). Where it leads is set once the
 * site listens (`setTarget`); until then a connection is cut at once.
 */
export interface NetworkGate {
  /** `http://127.0.0.1:PORT`, the same port whether open or closed. */
  url: string
  /** `127.0.0.1:PORT`: the Host the app's requests through the gate carry. */
  host: string
  port: number
  isOpen(): boolean
  setOpen(open: boolean): Promise<void>
  /** The port the gate leads to: the site's, or a front's standing before it. */
  setTarget(port: number | undefined): void
  close(): Promise<void>
}

export async function startNetworkGate(options: { open: boolean }): Promise<NetworkGate> {
  const sockets = new Set<Socket>()
  let target: number | undefined
  let server = createRelay(() => target, sockets)
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

  const gate: NetworkGate = {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    port,
    isOpen: () => open,
    async setOpen(wanted) {
      if (wanted === open) return
      if (wanted) {
        server = createRelay(() => target, sockets)
        await listen(server, port)
      } else {
        await shut()
      }
      open = wanted
    },
    setTarget(port) {
      target = port
    },
    async close() {
      if (open) await shut()
      open = false
    }
  }
  // Offline from the start: the port is chosen, then nothing listens on it.
  if (!options.open) await gate.setOpen(false)
  return gate
}

function createRelay(target: () => number | undefined, sockets: Set<Socket>): Server {
  return createServer((incoming) => {
    sockets.add(incoming)
    incoming.on('close', () => sockets.delete(incoming))
    const port = target()
    if (port === undefined) {
      // Nothing behind the gate yet: the app resolves the practice site before it sends.
      incoming.resetAndDestroy()
      return
    }
    const outgoing = createConnection({ host: '127.0.0.1', port })
    sockets.add(outgoing)
    outgoing.on('close', () => sockets.delete(outgoing))
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
