import { existsSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import * as z from 'zod'
import { APP_ORIGIN, createAppProtocolHandler } from '../src/main/app-protocol'
import type { BridgeHandler } from '../src/main/bridge-handlers'
import { isTrustedSender, sendBridgeEvent } from '../src/main/ipc'
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../src/shared/bridge/channel-names'
import type { EventChannelName } from '../src/shared/bridge/channel-names'
import type { EventOf } from '../src/shared/bridge/channels'
import { DESK_TRANSPORT_GLOBAL } from '../src/shared/bridge/desk-transport'
import { failure } from '../src/shared/bridge/envelope'
import { ForbiddenSenderError } from '../src/shared/errors'
import { API_PREFIX, createApiRelay } from './api-relay'
import { BenchError } from './bench-error'
import { parseOutside } from './page-call'

const INVOKE_PATH = '/__bench-bridge/invoke'
const EVENTS_PATH = '/__bench-bridge/events'
/** The one window the benchmarks open: delivery lets one sender at a time. */
const SENDER_ID = 1
const MAX_REQUEST_BYTES = 8 * 1024 * 1024

const invokeSchema = z.object({
  channel: z.string(),
  hasPayload: z.boolean(),
  // Absent when there is no payload: JSON has no undefined.
  payload: z.unknown().optional()
})

export interface BenchServer {
  /** `http://127.0.0.1:PORT`: the pages' origin. */
  origin: string
  /** The init script that gives pages their `deskTransport`. */
  transportScript: string
  broadcast<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
  close(): Promise<void>
}

/**
 * The benchmarks' window and IPC in one server on 127.0.0.1: the built pages, served
 * through the app's own protocol handler (production CSP included); the bridge over
 * same-origin HTTP to the real bridge handlers, behind ipc.ts's sender check; and the
 * practice site's API relayed for the pages that call it directly.
 */
export async function startBenchServer(options: {
  root: string
  handler: BridgeHandler
  /** The practice site itself, for the pages that call the API directly (baselines, peer). */
  siteUrl: string
}): Promise<BenchServer> {
  const { root, handler } = options
  if (!existsSync(join(root, 'index.html'))) {
    throw new BenchError(`No built renderer in ${root}: build the bench pages first`)
  }
  const serveFile = createAppProtocolHandler(root)
  const relay = createApiRelay(options.siteUrl)
  const streams = new Set<ServerResponse>()
  let origin = ''
  const server = createServer((req, res) => {
    answer(req, res).catch((error: unknown) => {
      console.error('The bench server could not answer', req.url, error)
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' })
      res.end('The bench server failed')
    })
  })

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]
    if (path === INVOKE_PATH && req.method === 'POST') return invoke(req, res)
    if (path?.startsWith(API_PREFIX)) return relay.forward(req, res)
    if (path === EVENTS_PATH && req.method === 'GET') {
      res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      res.write(':\n\n')
      streams.add(res)
      req.on('close', () => streams.delete(res))
      return
    }
    if (req.url === '/favicon.ico') {
      res.writeHead(204)
      res.end()
      return
    }
    const request = new Request(`${APP_ORIGIN}${req.url ?? '/'}`, { method: req.method ?? 'GET' })
    const response = await serveFile(request)
    res.writeHead(response.status, Object.fromEntries(response.headers))
    res.end(Buffer.from(await response.arrayBuffer()))
  }

  async function invoke(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req)
    const body = parseOutside(invokeSchema, JSON.parse(text), 'A bench bridge request')
    // The sender check of ipc.ts, with the page's Origin as its frame's.
    const facts = {
      frameUrl: req.headers.origin ?? null,
      frameIsNull: false,
      webContentsId: SENDER_ID
    }
    const envelope = isTrustedSender(facts, [SENDER_ID], origin)
      ? await handler(body.channel, body.hasPayload ? body.payload : undefined, { id: SENDER_ID })
      : failure(new ForbiddenSenderError('This request did not come from a bench page'))
    res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8' })
    res.end(JSON.stringify(envelope))
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const settings = {
    invokePath: INVOKE_PATH,
    eventsPath: EVENTS_PATH,
    transportGlobal: DESK_TRANSPORT_GLOBAL,
    invokeChannels: INVOKE_CHANNEL_NAMES,
    eventChannels: EVENT_CHANNEL_NAMES
  }
  const script = await readFile(join(import.meta.dirname, 'bench-transport.js'), 'utf8')
  return {
    origin,
    transportScript: `;(() => {\nconst BENCH = ${JSON.stringify(settings)}\n${script}\n})()\n`,
    broadcast(channel, payload) {
      for (const stream of streams) {
        sendBridgeEvent(
          {
            isDestroyed: () => stream.destroyed,
            send: (name, event) =>
              stream.write(`data: ${JSON.stringify({ channel: name, payload: event })}\n\n`)
          },
          channel,
          payload
        )
      }
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        for (const stream of streams) stream.end()
        server.close((error) => (error ? reject(error) : resolve()))
        server.closeAllConnections()
      })
      await relay.close()
    }
  }
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_REQUEST_BYTES) throw new BenchError('A bench bridge request was too large')
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}
