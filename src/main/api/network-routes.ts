import { messageOf } from '../../shared/errors'
import type { SecureContext } from 'node:tls'
import type { Agent, Dispatcher, ProxyAgent } from 'undici'
import type { ApiLogger } from './api-logger'
import { routeFromPac, type ResolveProxy } from './proxy-route'
import { trustContext } from './trust-store'
import { loadUndici } from './undici-module'

/**
 * The connections the API client sends through: one keep-alive agent straight to the
 * site, and one per proxy server the system's settings name. Everything is built on first
 * use, so reading the trust store and loading undici cost nothing at start-up.
 */
export interface NetworkRoutesOptions {
  connectTimeoutMs: number
  /** undici's headers and body timeouts. */
  answerTimeoutMs: number
  /** The authorities to trust instead of Node's built-in list; read once, on first use. */
  trustedCertificates?: () => readonly string[]
  /** The system's proxy for a URL; without it every request goes straight to the site. */
  resolveProxy?: ResolveProxy
  logger: ApiLogger
}

export interface Route {
  dispatcher: Dispatcher
  /** The proxy server's `host:port`, when the request goes through one. */
  proxy?: string
}

export interface NetworkRoutes {
  routeFor(url: URL): Promise<Route>
  close(): Promise<void>
}

/** How long a socket idles in the pool: shorter than the usual server's keep-alive. */
const KEEP_ALIVE_MS = 4_000

/** A PAC script fetched from a dead server must not hold a request for ever. */
export const PROXY_LOOKUP_TIMEOUT_MS = 5_000

export function createNetworkRoutes(options: NetworkRoutesOptions): NetworkRoutes {
  const { logger } = options
  let secureContext: SecureContext | undefined
  let contextBuilt = false
  let direct: Agent | undefined
  const proxies = new Map<string, ProxyAgent>()

  function tls(): { secureContext?: SecureContext } {
    if (!contextBuilt && options.trustedCertificates) {
      try {
        secureContext = trustContext(options.trustedCertificates())
      } catch (error) {
        // A list Node cannot load must not stop delivery: sites with public certificates
        // still work with Node's own, and the log says why a filtered office does not.
        const reason = messageOf(error)
        logger.warn(`trust store: unusable (${reason}); using Node's built-in authorities`)
      }
    }
    contextBuilt = true
    return secureContext ? { secureContext } : {}
  }

  function directAgent({ Agent }: Undici): Agent {
    direct ??= new Agent({
      connect: { timeout: options.connectTimeoutMs, ...tls() },
      keepAliveTimeout: KEEP_ALIVE_MS,
      headersTimeout: options.answerTimeoutMs,
      bodyTimeout: options.answerTimeoutMs
    })
    return direct
  }

  function proxyAgent({ ProxyAgent }: Undici, uri: string): ProxyAgent {
    let agent = proxies.get(uri)
    if (!agent) {
      agent = new ProxyAgent({
        uri,
        connectTimeout: options.connectTimeoutMs,
        requestTls: tls(),
        proxyTls: tls(),
        keepAliveTimeout: KEEP_ALIVE_MS,
        headersTimeout: options.answerTimeoutMs,
        bodyTimeout: options.answerTimeoutMs
      })
      proxies.set(uri, agent)
    }
    return agent
  }

  async function routeFor(url: URL): Promise<Route> {
    const undici = await loadUndici()
    // Plain http goes only to the practice site on this computer (base-url.ts): no proxy
    // stands between. Chromium's settings leave loopback out as well.
    if (!options.resolveProxy || url.protocol === 'http:') {
      return { dispatcher: directAgent(undici) }
    }
    let pac: string
    try {
      // Asked each time: a laptop carried from the office home changes its settings.
      pac = await withinTime(options.resolveProxy(url.origin), PROXY_LOOKUP_TIMEOUT_MS)
    } catch (error) {
      const reason = messageOf(error)
      logger.warn(`proxy: the system's proxy settings could not be read (${reason}); going direct`)
      return { dispatcher: directAgent(undici) }
    }
    const route = routeFromPac(pac)
    if (!route) {
      logger.warn(`proxy: no proxy this client can use in "${pac.slice(0, 120)}"; going direct`)
      return { dispatcher: directAgent(undici) }
    }
    if (route.kind === 'direct') return { dispatcher: directAgent(undici) }
    return { dispatcher: proxyAgent(undici, route.uri), proxy: route.address }
  }

  return {
    routeFor,
    close: async () => {
      const agents: Dispatcher[] = [...proxies.values(), ...(direct ? [direct] : [])]
      await Promise.all(agents.map((agent) => agent.close()))
    }
  }
}

type Undici = Awaited<ReturnType<typeof loadUndici>>

function withinTime<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${ms} ms`)), ms)
  })
  return Promise.race([work, late]).finally(() => clearTimeout(timer))
}
