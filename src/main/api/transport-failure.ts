import { tlsFailureOf } from './tls-failure'

/**
 * Why a request got no HTTP answer, and whether it can have reached the site. The
 * difference decides what an outbox item becomes: a failure before the request was written
 * is a plain retry; one after it is "possibly delivered".
 */
export interface TransportFailure {
  phase: 'before-sending' | 'after-sending'
  /** The system or undici error code, for logs: never secrets. */
  code: string
  /** A reason a clerk can act on, in lower case to follow a lead-in. */
  message: string
}

/** What the HTTP plumbing knows about the request besides the error. */
export interface FailureContext {
  /** The request's own time limit ran out. */
  timedOut: boolean
  /**
   * undici started writing the request onto an open connection. Until then not a byte of
   * it can have left this computer, whatever the error says: connecting, the TLS
   * handshake and a proxy's tunnel all come first.
   */
  requestStarted: boolean
  /** The proxy server the request went through (`host:port`), when there was one. */
  proxy?: string
}

/**
 * Codes that arise only while connecting. The phase above already covers them; this list
 * is the fallback should a connection error ever reach a request that had started.
 */
const BEFORE_SENDING: Record<string, string> = {
  ECONNREFUSED: 'the site refused the connection (is the address right, is it running?)',
  ENOTFOUND: 'the site’s name could not be found (check the address, or the internet connection)',
  EAI_AGAIN: 'the site’s name could not be looked up (no internet connection?)',
  EHOSTUNREACH: 'the site cannot be reached from this network',
  ENETUNREACH: 'this computer has no route to the internet',
  ENETDOWN: 'this computer’s network is down',
  EHOSTDOWN: 'the site’s computer is down',
  EADDRNOTAVAIL: 'this computer has no usable network address',
  UND_ERR_CONNECT_TIMEOUT: 'connecting to the site took too long'
}

/** Codes that arise once the request may be on the wire: the site may have acted on it. */
const AFTER_SENDING: Record<string, string> = {
  UND_ERR_SOCKET: 'the connection closed before the site answered',
  ECONNRESET: 'the connection was cut before the site answered',
  EPIPE: 'the connection was cut while sending',
  UND_ERR_HEADERS_TIMEOUT: 'the site took too long to answer',
  UND_ERR_BODY_TIMEOUT: 'the site’s answer stopped arriving',
  UND_ERR_ABORTED: 'the site took too long to answer',
  UND_ERR_RES_CONTENT_LENGTH_MISMATCH: 'the site’s answer was cut off'
}

/**
 * Through a proxy, these can only be the proxy's: it resolves and connects to the site
 * itself. A cut is not among them: it may come from inside the tunnel (a filter).
 */
const PROXY_UNREACHABLE = new Set(Object.keys(BEFORE_SENDING))

const PROXY_SIGN_IN =
  'the office’s proxy server asks for a sign-in Connections Desk cannot give (ask whoever runs this office’s network to let it through to Access ACS)'

export function transportFailureOf(error: unknown, context: FailureContext): TransportFailure {
  const code = errorCode(error)
  const tls = tlsFailureOf(error)
  if (!context.requestStarted) {
    return {
      phase: 'before-sending',
      code: tls?.code ?? (context.timedOut ? 'TOTAL_TIMEOUT' : code || 'UNKNOWN'),
      message: tls?.message ?? notConnectedMessage(error, code, context)
    }
  }
  // A certificate is checked only in the handshake, before any request: by its shape such
  // an error proves the request never left, even where the phase says otherwise.
  if (tls?.certificate) return { phase: 'before-sending', code: tls.code, message: tls.message }
  if (context.timedOut) {
    return {
      phase: 'after-sending',
      code: 'TOTAL_TIMEOUT',
      message: 'the site took too long to answer'
    }
  }
  const before = BEFORE_SENDING[code]
  if (before) return { phase: 'before-sending', code, message: before }
  const after = AFTER_SENDING[code]
  if (after) return { phase: 'after-sending', code, message: after }
  // Unknown failures are treated as "may have arrived": the safe side for an outbox.
  return {
    phase: 'after-sending',
    code: code || 'UNKNOWN',
    message: 'the connection to the site failed before an answer came'
  }
}

/** Why no connection came about, TLS aside (tlsFailureOf words those). */
function notConnectedMessage(error: unknown, code: string, context: FailureContext): string {
  const refusal = proxyRefusal(error)
  if (refusal !== undefined) {
    return refusal === 407
      ? PROXY_SIGN_IN
      : `the office’s proxy server would not open a connection to the site (it answered ${refusal}; ask whoever runs this office’s network)`
  }
  if (context.proxy && (PROXY_UNREACHABLE.has(code) || hasCode(error, 'UND_ERR_PRX_CONN'))) {
    return `the office’s proxy server (${context.proxy}) could not be reached (check this computer’s proxy settings, or ask whoever runs this office’s network)`
  }
  const known = BEFORE_SENDING[code]
  if (known) return known
  if (context.timedOut) return 'connecting to the site took too long'
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET' || code === 'EPIPE') {
    return 'the connection was cut while it was being set up (a firewall or network filter may be blocking the site)'
  }
  return 'the connection to the site could not be set up'
}

/** The status a proxy answered a tunnel request with, when it refused (undici says it in words). */
function proxyRefusal(error: unknown): number | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const status = /^Proxy response \((\d{3})\) !== 200/.exec(current.message)?.[1]
    if (status) return Number(status)
    current = current.cause
  }
  return undefined
}

function hasCode(error: unknown, wanted: string): boolean {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if ((current as { code?: unknown }).code === wanted) return true
    current = current.cause
  }
  return false
}

/** undici wraps system errors: the code may sit on the error or on its cause. */
function errorCode(error: unknown): string {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code
    if (typeof code === 'string' && (code in BEFORE_SENDING || code in AFTER_SENDING)) return code
    current = current.cause
  }
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined
  return typeof code === 'string' ? code : ''
}
