/**
 * Which way a request goes: straight to the site or through a proxy server. Electron's
 * `session.resolveProxy(url)` answers for the operating system's settings (manual, PAC
 * script, WPAD, environment on Linux) in Chromium's PAC form: `"PROXY proxy:8080; DIRECT"`.
 * The main process passes that function in; tests pass their own.
 */
export type ResolveProxy = (url: string) => Promise<string>

export type ProxyRoute =
  | { kind: 'direct' }
  | {
      kind: 'proxy'
      /** What undici's ProxyAgent takes: `http://host:port`, `https://…` or `socks5://…`. */
      uri: string
      /** `host:port`, for logs and messages. */
      address: string
    }

/** PAC entry types undici can use, and the scheme it wants for each. */
const SCHEMES: Record<string, string> = {
  PROXY: 'http',
  HTTP: 'http',
  HTTPS: 'https',
  SOCKS5: 'socks5'
}

/**
 * The first entry of a PAC answer this client can take. Entries it cannot (SOCKS4, QUIC,
 * a malformed address) are passed over, as Chromium passes over a proxy that fails;
 * undefined when none is left.
 */
export function routeFromPac(pac: string): ProxyRoute | undefined {
  for (const entry of pac.split(';')) {
    const [type = '', address = '', ...rest] = entry.trim().split(/\s+/)
    const kind = type.toUpperCase()
    if (kind === 'DIRECT' && address === '') return { kind: 'direct' }
    const scheme = SCHEMES[kind]
    if (!scheme || address === '' || rest.length > 0) continue
    const uri = proxyUri(scheme, address)
    if (uri) return { kind: 'proxy', uri, address }
  }
  return undefined
}

function proxyUri(scheme: string, address: string): string | undefined {
  // Only host and port: a path, credentials or query are not an address Chromium gives.
  if (/[/@?#\\]/.test(address)) return undefined
  try {
    const url = new URL(`${scheme}://${address}`)
    return url.hostname ? `${scheme}://${url.host}` : undefined
  } catch {
    return undefined
  }
}
