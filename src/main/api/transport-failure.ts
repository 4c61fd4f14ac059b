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

/** Codes that arise before a single byte of the request can have left this computer. */
const BEFORE_SENDING: Record<string, string> = {
  ECONNREFUSED: 'the site refused the connection (is the address right, is it running?)',
  ENOTFOUND: 'the site’s name could not be found (check the address, or the internet connection)',
  EAI_AGAIN: 'the site’s name could not be looked up (no internet connection?)',
  EHOSTUNREACH: 'the site cannot be reached from this network',
  ENETUNREACH: 'this computer has no route to the internet',
  ENETDOWN: 'this computer’s network is down',
  EHOSTDOWN: 'the site’s computer is down',
  EADDRNOTAVAIL: 'this computer has no usable network address',
  UND_ERR_CONNECT_TIMEOUT: 'connecting to the site took too long',
  CERT_HAS_EXPIRED: 'the site’s security certificate has expired',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the site’s security certificate is not trusted',
  SELF_SIGNED_CERT_IN_CHAIN: 'the site’s security certificate is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the site’s security certificate could not be verified',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the site’s security certificate is for another address'
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

export function transportFailureOf(error: unknown, timedOut: boolean): TransportFailure {
  if (timedOut) {
    return {
      phase: 'after-sending',
      code: 'TOTAL_TIMEOUT',
      message: 'the site took too long to answer'
    }
  }
  const code = errorCode(error)
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
