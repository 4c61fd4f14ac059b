import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Route } from 'playwright'
import { APP_ORIGIN, createAppProtocolHandler } from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/session-hardening'
import { HarnessError } from './harness-error'

export interface RendererServer {
  /** `http://127.0.0.1:PORT`: the page's origin, the same for every relaunch. */
  origin: string
  /** The page to open. */
  entryUrl: string
  /**
   * Answers the browser's request for one of the app's files from here, without the
   * network: as Electron answers `app://` from its protocol handler, so the app loads
   * offline too. The HTTP server stays for requests made from Node.
   */
  fulfill(route: Route): Promise<void>
  close(): Promise<void>
}

interface FileAnswer {
  status: number
  headers: Record<string, string>
  body: Buffer
}

/**
 * Serves the built renderer through the app's own `app://` handler, so the page gets
 * exactly what Electron would give it: the production CSP header, the content types, and
 * the refusal of any path outside the build. The page's origin is this server's
 * (127.0.0.1, so a secure context), but the browser gets its files through `fulfill`.
 */
export async function startRendererServer(root: string): Promise<RendererServer> {
  if (!existsSync(join(root, 'index.html'))) {
    throw new HarnessError(
      `No built renderer in ${root}: run the tests with \`npx vitest run --project e2e\` (its global setup builds it) or call buildRenderer() first`
    )
  }
  const handle = createAppProtocolHandler(root)
  const server = createServer((req, res) => {
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
    async fulfill(route) {
      const request = route.request()
      const url = new URL(request.url())
      const file = await fileAnswer(handle, `${url.pathname}${url.search}`, request.method())
      await route.fulfill({ status: file.status, headers: file.headers, body: file.body })
    },
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
  const file = await fileAnswer(handle, req.url ?? '/', req.method ?? 'GET')
  res.writeHead(file.status, file.headers)
  res.end(file.body)
}

async function fileAnswer(
  handle: (request: Request) => Promise<Response>,
  pathAndQuery: string,
  method: string
): Promise<FileAnswer> {
  if (pathAndQuery === '/favicon.ico') {
    // Chromium asks every http origin for one; Electron's window never does.
    return {
      status: 204,
      headers: { 'Content-Security-Policy': CONTENT_SECURITY_POLICY },
      body: Buffer.alloc(0)
    }
  }
  // The same request the page would make of app://desk; WHATWG URL parsing removes dot
  // segments just as Chromium does before the protocol handler sees the path.
  const response = await handle(new Request(`${APP_ORIGIN}${pathAndQuery}`, { method }))
  return {
    status: response.status,
    headers: Object.fromEntries(response.headers),
    body: Buffer.from(await response.arrayBuffer())
  }
}
