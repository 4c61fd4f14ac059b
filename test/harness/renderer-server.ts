import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { APP_ORIGIN, createAppProtocolHandler } from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/session-hardening'
import { HarnessError } from './harness-error'

export interface RendererServer {
  /** `http://127.0.0.1:PORT`: the page's origin, the same for every relaunch. */
  origin: string
  /** The page to open. */
  entryUrl: string
  close(): Promise<void>
}

/**
 * Serves the built renderer on 127.0.0.1 through the app's own `app://` handler, so the
 * page gets exactly what Electron would give it: the production CSP header, the content
 * types, and the refusal of any path outside the build.
 */
export async function startRendererServer(root: string): Promise<RendererServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new HarnessError(
      `No built renderer in ${root}: run the tests with \`npx vitest run --project e2e\` (its global setup builds it) or call buildRenderer() first`
    )
  }
  const handle = createAppProtocolHandler(root)
  const server = createServer((req, res) => {
    if (req.url === '/favicon.ico') {
      // Chromium asks every http origin for one; Electron's window never does.
      res.writeHead(204, { 'Content-Security-Policy': CONTENT_SECURITY_POLICY })
      res.end()
      return
    }
    answer(handle, req, res).catch((error: unknown) => {
      console.error('The harness could not serve', req.url, error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('The harness failed to serve this file')
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  const origin = `http://127.0.0.1:${port}`
  return {
    origin,
    entryUrl: `${origin}/index.html`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

async function answer(
  handle: (request: Request) => Promise<Response>,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  // The same request the page would make of app://desk; WHATWG URL parsing removes dot
  // segments just as Chromium does before the protocol handler sees the path.
  const request = new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method ?? 'GET' })
  const response = await handle(request)
  res.writeHead(response.status, Object.fromEntries(response.headers))
  res.end(Buffer.from(await response.arrayBuffer()))
}
