/**
 * What went wrong with a secure connection, in words a clerk (or whoever runs the office's
 * network) can act on. Recognised by the error's shape: a certificate check failure
 * (Node names them after OpenSSL's verification results), a hostname mismatch, or any
 * error of the TLS layer (`ERR_SSL_*`, `ERR_TLS_*`, OpenSSL's "SSL routines"). Only the
 * wording is chosen by code; whether the request can have left is decided elsewhere.
 */
export interface TlsFailure {
  code: string
  /** Lower case, to follow a lead-in such as "Access ACS could not be reached: ". */
  message: string
  /** A certificate check failed: that happens only during the handshake. */
  certificate: boolean
}

const CLOCK =
  'the secure connection was refused: check the computer’s date and time (by this computer’s clock the site’s certificate is not valid now)'
const UNTRUSTED =
  'a network filter is intercepting the secure connection: the site’s certificate is not from an authority this computer trusts (ask whoever runs this office’s network)'
const OTHER_NAME =
  'the secure connection was answered with a certificate for another site: a network filter may be intercepting it, or the site address is wrong (check the address, or ask whoever runs this office’s network)'
const REVOKED = 'the site’s certificate has been withdrawn by its authority (ask the site’s owner)'
const NOT_TLS =
  'something that does not speak secure connections answered at the site address: check that the address is right, or ask whoever runs this office’s network'
const REFUSED =
  'the secure connection could not be set up (the site or a network filter refused it; ask whoever runs this office’s network)'

/** The certificate checks Node reports by OpenSSL's name (X509_V_ERR_* without the prefix). */
const CERTIFICATE_CODES: Record<string, string> = {
  CERT_NOT_YET_VALID: CLOCK,
  CERT_HAS_EXPIRED: CLOCK,
  ERROR_IN_CERT_NOT_BEFORE_FIELD: CLOCK,
  ERROR_IN_CERT_NOT_AFTER_FIELD: CLOCK,
  CRL_NOT_YET_VALID: CLOCK,
  CRL_HAS_EXPIRED: CLOCK,
  UNABLE_TO_GET_ISSUER_CERT: UNTRUSTED,
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: UNTRUSTED,
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: UNTRUSTED,
  SELF_SIGNED_CERT_IN_CHAIN: UNTRUSTED,
  DEPTH_ZERO_SELF_SIGNED_CERT: UNTRUSTED,
  CERT_UNTRUSTED: UNTRUSTED,
  CERT_REJECTED: UNTRUSTED,
  INVALID_CA: UNTRUSTED,
  HOSTNAME_MISMATCH: OTHER_NAME,
  ERR_TLS_CERT_ALTNAME_INVALID: OTHER_NAME,
  CERT_REVOKED: REVOKED,
  UNABLE_TO_GET_CRL: UNTRUSTED,
  UNABLE_TO_DECRYPT_CERT_SIGNATURE: UNTRUSTED,
  UNABLE_TO_DECRYPT_CRL_SIGNATURE: UNTRUSTED,
  UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY: UNTRUSTED,
  CERT_SIGNATURE_FAILURE: UNTRUSTED,
  CRL_SIGNATURE_FAILURE: UNTRUSTED,
  CERT_CHAIN_TOO_LONG: UNTRUSTED,
  PATH_LENGTH_EXCEEDED: UNTRUSTED,
  INVALID_PURPOSE: UNTRUSTED
}

/** The other end answered the hello with something that is not TLS (plain HTTP, say). */
const NOT_TLS_CODES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'ERR_SSL_HTTPS_PROXY_REQUEST'
])

/** The TLS failure carried by `error` or one of its causes, if any. */
export function tlsFailureOf(error: unknown): TlsFailure | undefined {
  let current: unknown = error
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const found = ownTlsFailure(current)
    if (found) return found
    current = current.cause
  }
  return undefined
}

function ownTlsFailure(error: Error): TlsFailure | undefined {
  const { code, library } = error as { code?: unknown; library?: unknown }
  if (typeof code !== 'string') return undefined
  const certificate = CERTIFICATE_CODES[code]
  if (certificate) return { code, message: certificate, certificate: true }
  if (NOT_TLS_CODES.has(code)) return { code, message: NOT_TLS, certificate: false }
  const tlsLayer =
    code.startsWith('ERR_SSL_') || code.startsWith('ERR_TLS_') || library === 'SSL routines'
  return tlsLayer ? { code, message: REFUSED, certificate: false } : undefined
}
