import type { Dispatcher } from 'undici'
import type { Credentials } from '../service-contracts'
import { silentLogger, type ApiLogger } from './api-logger'
import { APPLICATION_ID_HEADER } from './acs-adapter'
import { createNetworkRoutes } from './network-routes'
import type { ResolveProxy } from './proxy-route'
import { watchRequestStart } from './request-start'
import { serviceUrl, siteUrl } from './site-url'
import { transportFailureOf, type TransportFailure } from './transport-failure'
import { loadUndici } from './undici-module'

/**
 * The HTTP plumbing the change-request client and the lookups share: keep-alive
 * connections (straight or through the system's proxy), Basic authorization built at send
 * time, timeouts, and a cap on how much of an answer is read. It never throws for network
 * trouble; it reports what happened, and whether the request can have left.
 */
export interface AcsHttpOptions extends AcsNetworkOptions {
  /** How long connecting may take. */
  connectTimeoutMs?: number
  /** How long a whole request may take, answer body included. */
  totalTimeoutMs?: number
  /** Bytes of an answer body read at most; a bigger answer is cut and marked. */
  maxBodyBytes?: number
  logger?: ApiLogger
  /**
   * The ApplicationId to send, asked at every request (a new setting takes effect at once);
   * empty or null sends no header. Never logged.
   */
  applicationId?: () => string | null
}

/** Where a request goes when it names no site: `{base}/{path}`, without Basic authorization. */
export interface ServiceAccess {
  baseUrl: string
}

/** What the computer's settings decide: whom to trust, which way to go. */
export interface AcsNetworkOptions {
  /**
   * The certificate authorities to trust instead of Node's built-in list (the app passes
   * the built-in list plus the system's: trust-store.ts). Read once, at the first request.
   */
  trustedCertificates?: () => readonly string[]
  /** The system's proxy for a URL (Electron's `session.resolveProxy`); none: go direct. */
  resolveProxy?: ResolveProxy
}

export const DEFAULT_CONNECT_TIMEOUT_MS = 10_000
export const DEFAULT_TOTAL_TIMEOUT_MS = 30_000
export const DEFAULT_MAX_BODY_BYTES = 256 * 1024

export interface AcsRequest {
  method: 'GET' | 'POST' | 'PUT'
  /** Below `{base}/{site}/`, or below `{base}/` for ServiceAccess. */
  path: string
  query?: Record<string, string | number>
  headers?: Record<string, string>
  /** JSON text, for POST. */
  body?: string
  /** Names the request in logs (an outbox item id, a lookup). */
  label: string
  /** Overrides the agent's cap, for answers known to be long (a page of the directory). */
  maxBodyBytes?: number
}

export interface AcsAnswer {
  kind: 'answer'
  status: number
  headers: Record<string, string>
  /** As much of the body as was read, decoded as UTF-8. */
  body: string
  /** The body was bigger than maxBodyBytes and was cut. */
  oversized: boolean
  /** The connection broke while the body was arriving. */
  cutOff: boolean
}

export type AcsHttpResult = AcsAnswer | ({ kind: 'failed' } & TransportFailure)

export interface AcsHttp {
  send(access: Credentials | ServiceAccess, request: AcsRequest): Promise<AcsHttpResult>
  close(): Promise<void>
}

export function createAcsHttp(options: AcsHttpOptions = {}): AcsHttp {
  const connectTimeoutMs = options.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS
  const totalTimeoutMs = options.totalTimeoutMs ?? DEFAULT_TOTAL_TIMEOUT_MS
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES
  const logger = options.logger ?? silentLogger
  const applicationId = options.applicationId ?? (() => null)
  // For the app's life: connections to the site are reused between requests.
  const routes = createNetworkRoutes({
    connectTimeoutMs,
    answerTimeoutMs: totalTimeoutMs,
    logger,
    ...(options.trustedCertificates ? { trustedCertificates: options.trustedCertificates } : {}),
    ...(options.resolveProxy ? { resolveProxy: options.resolveProxy } : {})
  })

  async function send(
    access: Credentials | ServiceAccess,
    acsRequest: AcsRequest
  ): Promise<AcsHttpResult> {
    // A bad base URL is a setting, not network trouble: InvalidSettingError goes to the caller.
    const url =
      'siteNumber' in access
        ? siteUrl(access.baseUrl, access.siteNumber, acsRequest.path, acsRequest.query)
        : serviceUrl(access.baseUrl, acsRequest.path, acsRequest.query)
    const headers = {
      accept: 'application/json',
      ...('siteNumber' in access ? { authorization: basicAuthorization(access) } : {}),
      ...applicationIdHeader(applicationId()),
      ...(acsRequest.body === undefined
        ? {}
        : { 'content-type': 'application/json; charset=utf-8' }),
      ...acsRequest.headers
    }
    const started = performance.now()
    const route = await routes.routeFor(url)
    const where = `${acsRequest.method} ${url.pathname}${route.proxy ? ` via proxy ${route.proxy}` : ''}`
    const watch = watchRequestStart(route.dispatcher)
    const timeout = new AbortController()
    const timer = setTimeout(() => timeout.abort(), totalTimeoutMs)
    try {
      const cap = acsRequest.maxBodyBytes ?? maxBodyBytes
      const answer = await exchange(watch.dispatcher, url, acsRequest, headers, timeout.signal, cap)
      const cut = answer.oversized
        ? ' (answer over the size limit, cut)'
        : answer.cutOff
          ? ' (answer cut off)'
          : ''
      logger.info(
        `${where} [${acsRequest.label}] → ${answer.status}${cut} in ${elapsed(started)} ms`
      )
      return answer
    } catch (error) {
      const failure = transportFailureOf(error, {
        timedOut: timeout.signal.aborted,
        requestStarted: watch.started(),
        ...(route.proxy ? { proxy: route.proxy } : {})
      })
      logger.warn(
        `${where} [${acsRequest.label}] failed ${failure.phase} (${failure.code}) in ${elapsed(started)} ms`
      )
      return { kind: 'failed', ...failure }
    } finally {
      clearTimeout(timer)
    }
  }

  return { send, close: () => routes.close() }
}

async function exchange(
  dispatcher: Dispatcher,
  url: URL,
  acsRequest: AcsRequest,
  headers: Record<string, string>,
  signal: AbortSignal,
  maxBodyBytes: number
): Promise<AcsAnswer> {
  const { request } = await loadUndici()
  const response = await request(url, {
    dispatcher,
    method: acsRequest.method,
    signal,
    headers,
    body: acsRequest.body
  })
  const { body, oversized, cutOff } = await readCapped(response.body, maxBodyBytes, signal)
  return {
    kind: 'answer',
    status: response.statusCode,
    headers: flatHeaders(response.headers),
    body,
    oversized,
    cutOff
  }
}

/** CONTRACT.md section 2: the header is sent when there is a value, and left out when not. */
function applicationIdHeader(value: string | null): Record<string, string> {
  const trimmed = value?.trim() ?? ''
  return trimmed === '' ? {} : { [APPLICATION_ID_HEADER]: trimmed }
}

/** Built per request from the credentials of the moment, so a new sign-in takes effect at once. */
function basicAuthorization(credentials: Credentials): string {
  const token = Buffer.from(`${credentials.username}:${credentials.password}`, 'utf8')
  return `Basic ${token.toString('base64')}`
}

async function readCapped(
  body: Dispatcher.ResponseData['body'],
  maxBodyBytes: number,
  signal: AbortSignal
): Promise<{ body: string; oversized: boolean; cutOff: boolean }> {
  const chunks: Buffer[] = []
  let size = 0
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      const room = maxBodyBytes - size
      if (chunk.length > room) {
        chunks.push(chunk.subarray(0, room))
        // Leaving the loop destroys the stream: the rest of a huge answer is never read.
        return { body: Buffer.concat(chunks).toString('utf8'), oversized: true, cutOff: false }
      }
      chunks.push(chunk)
      size += chunk.length
    }
  } catch (error) {
    // The total timeout while reading is a failure of the whole request, not a short body.
    if (signal.aborted) throw error
    return { body: Buffer.concat(chunks).toString('utf8'), oversized: false, cutOff: true }
  }
  return { body: Buffer.concat(chunks).toString('utf8'), oversized: false, cutOff: false }
}

function flatHeaders(
  headers: Record<string, string | string[] | undefined>
): Record<string, string> {
  const flat: Record<string, string> = {}
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value
  }
  return flat
}

function elapsed(started: number): number {
  return Math.round(performance.now() - started)
}
