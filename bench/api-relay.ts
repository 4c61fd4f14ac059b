import type { IncomingMessage, ServerResponse } from 'node:http'
import { Pool } from 'undici'
import { BenchError } from './bench-error'

/** The practice site's API below a page's own origin, as `connect-src 'self'` demands. */
export const API_PREFIX = '/api_accessacs_mobile/'

/**
 * Headers that belong to one hop, not to the request being forwarded. `origin` too: the
 * relay puts the API on the pages' own origin, and the practice site refuses any request
 * that carries a page's Origin (docs/practice-site.md, the door).
 */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'host', 'origin'])

export interface ApiRelay {
  forward(req: IncomingMessage, res: ServerResponse): Promise<void>
  close(): Promise<void>
}

/**
 * Forwards a page's API requests to the practice site over keep-alive connections: the
 * baselines and the workbox peer reach the site through this one relay, as the app reaches
 * it through the harness's network gate.
 */
export function createApiRelay(siteUrl: string): ApiRelay {
  const site = new Pool(siteUrl, { connections: 16 })
  return {
    async forward(req, res) {
      const method = req.method ?? 'GET'
      if (method !== 'GET' && method !== 'POST') {
        throw new BenchError(`The bench pages only GET and POST the API, not ${method}`)
      }
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined && !HOP_HEADERS.has(name)) {
          headers[name] = Array.isArray(value) ? value.join(', ') : value
        }
      }
      const answer = await site.request({
        method,
        path: req.url ?? '/',
        headers,
        ...(method === 'POST' ? { body: req } : {})
      })
      const answerHeaders: Record<string, string | string[]> = {}
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value !== undefined && !HOP_HEADERS.has(name)) answerHeaders[name] = value
      }
      res.writeHead(answer.statusCode, answerHeaders)
      for await (const chunk of answer.body) res.write(chunk)
      res.end()
    },
    close: () => site.close()
  }
}
