import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

/** What the error page's script would set on the page's global object if it ever ran. */
export const ERROR_PAGE_MARKER = '__acsErrorPageScriptRan'

/**
 * An IIS-style error page, as a proxy in front of ACS might send: markup, a script, and an
 * inline handler. The app must show it as a short text excerpt and never run any of it.
 */
export const SCRIPTED_ERROR_PAGE = `<!DOCTYPE html>
<html>
<head><title>Runtime Error</title>
<script>globalThis.${ERROR_PAGE_MARKER} = true</script></head>
<body>
<h1>Server Error in '/api_accessacs_mobile' Application.</h1>
<img src="x" onerror="globalThis.${ERROR_PAGE_MARKER} = true">
<p>An application error occurred on the server.</p>
<script>document.title = 'taken over'; globalThis.${ERROR_PAGE_MARKER} = true</script>
</body>
</html>
`

/**
 * A loopback front for the practice site (127.0.0.1, a free port) that passes every request
 * through, except the next change requests it was told to fail: those get the scripted
 * HTML page with status 500. The practice site's own HTML fault has no script in it.
 * The app does not sign in to the front: the harness's gate leads to it
 * (`desk.sim.routeThrough(front.port)`), so the app's requests keep the practice site's
 * address, which is the only plain-http address the app accepts.
 */
export interface ScriptedErrorFront {
  /** Where the front listens, on 127.0.0.1. */
  port: number
  /** Answers the next `count` change requests with the scripted page (0 stops). */
  failNextChangeRequests(count: number): void
  /** Change requests answered with the page so far. */
  failedCount(): number
  close(): Promise<void>
}

/** `siteUrl` is asked at each request: the practice site's port is new with every app run. */
export async function startScriptedErrorFront(siteUrl: () => string): Promise<ScriptedErrorFront> {
  let toFail = 0
  let failed = 0
  const server = createServer((incoming, outgoing) => {
    const isChangeRequest =
      incoming.method === 'POST' && /\/connections\/?$/i.test(incoming.url ?? '')
    if (isChangeRequest && toFail > 0) {
      toFail--
      failed++
      answerWithPage(incoming, outgoing)
      return
    }
    let target: URL
    try {
      target = new URL(siteUrl())
    } catch (error) {
      // No site to pass it to (between app runs): the app sees a dropped connection.
      console.error('The scripted error front has no practice site to relay to', error)
      outgoing.destroy()
      return
    }
    relay(incoming, outgoing, target)
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const { port } = server.address() as AddressInfo
  return {
    port,
    failNextChangeRequests(count) {
      toFail = count
    },
    failedCount: () => failed,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
  }
}

function answerWithPage(incoming: IncomingMessage, outgoing: ServerResponse): void {
  // Read the request to its end first, so the client sees an answer rather than a reset.
  incoming.resume()
  incoming.on('end', () => {
    outgoing.writeHead(500, { 'Content-Type': 'text/html; charset=utf-8' })
    outgoing.end(SCRIPTED_ERROR_PAGE)
  })
}

function relay(incoming: IncomingMessage, outgoing: ServerResponse, target: URL): void {
  const forward = request(
    {
      host: target.hostname,
      port: target.port,
      method: incoming.method,
      path: incoming.url,
      // Host included: the app addressed the practice site (through the gate), and the
      // site answers only requests addressed to it.
      headers: incoming.headers
    },
    (answer) => {
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(outgoing)
      // A site that drops the connection mid-answer is passed on as a drop.
      answer.on('error', () => outgoing.destroy())
    }
  )
  // The site dropping the connection (a fault) reaches the app as the same drop.
  forward.on('error', () => outgoing.destroy())
  incoming.pipe(forward)
}
