import tls from 'node:tls'
import type { ApiLogger } from './api-logger'

/**
 * The certificate authorities the API client trusts: Node's own copy of Mozilla's list
 * plus those of the operating system's store, as a browser on the same computer trusts.
 * An office whose web filter inspects secure connections installs its own authority in
 * the system store (by group policy, say); with Node's list alone every request would
 * fail there. docs/network.md has the decision and the figures.
 */
export type CaSource = 'bundled' | 'system'

/** `tls.getCACertificates`, or a stand-in for tests. */
export type ReadCertificates = (source: CaSource) => readonly string[]

export interface TrustStore {
  /** PEM certificates, each once. */
  certificates: readonly string[]
  bundled: number
  system: number
  /** How long reading the lists took. */
  ms: number
}

export function loadTrustStore(
  read: ReadCertificates = readFromNode,
  logger?: ApiLogger
): TrustStore {
  const started = performance.now()
  const bundled = read('bundled')
  let system: readonly string[] = []
  try {
    system = read('system')
  } catch (error) {
    // Without the system's list the client still reaches sites with public certificates;
    // the log says why a filtered office cannot.
    const reason = error instanceof Error ? error.message : String(error)
    logger?.warn(`trust store: the system's certificate authorities could not be read (${reason})`)
  }
  const certificates = [...new Set([...bundled, ...system])]
  const ms = Math.round(performance.now() - started)
  logger?.info(
    `trust store: ${certificates.length} authorities (${bundled.length} bundled, ${system.length} from the system) in ${ms} ms`
  )
  return { certificates, bundled: bundled.length, system: system.length, ms }
}

function readFromNode(source: CaSource): readonly string[] {
  // Node 22.15 and later; an older runtime has its bundled list only.
  if (typeof tls.getCACertificates !== 'function') {
    if (source === 'bundled') return tls.rootCertificates
    throw new Error(`this Node.js (${process.version}) cannot read the system's list`)
  }
  return tls.getCACertificates(source)
}

/**
 * One TLS context for every connection: building one from a few hundred authorities costs
 * tens of milliseconds, which `ca` given per connection would pay on each new socket.
 */
export function trustContext(certificates: readonly string[]): tls.SecureContext {
  return tls.createSecureContext({ ca: [...certificates] })
}
