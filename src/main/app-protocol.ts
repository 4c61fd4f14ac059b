import { readFile } from 'node:fs/promises'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { originOf } from '../shared/bridge/origin'
import { CONTENT_SECURITY_POLICY } from './session-hardening'

/**
 * The built renderer (out/renderer) served as `app://desk/`. A privileged standard scheme
 * gives the page a real origin, unlike file://, so the CSP's 'self', IndexedDB and the
 * sender check in ipc.ts all have something exact to hold on to.
 */
export const APP_SCHEME = 'app'
export const APP_HOST = 'desk'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`

/** For protocol.registerSchemesAsPrivileged, before the app is ready. */
export const APP_SCHEME_PRIVILEGES = [
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true }
  }
]

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm'
}

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[extname(filePath).toLowerCase()] ?? 'application/octet-stream'
}

/**
 * The file under root that a URL path names, or null when the path is malformed or would
 * leave root (`..`, encoded `%2e%2e` or `%2f`, a NUL byte, a drive or absolute path).
 */
export function resolveAppPath(root: string, urlPath: string): string | null {
  let decoded: string
  try {
    decoded = decodeURIComponent(urlPath)
  } catch {
    return null
  }
  if (decoded.includes('\0')) return null
  const wanted = decoded === '' || decoded.endsWith('/') ? `${decoded}index.html` : decoded
  const base = resolve(root)
  const target = resolve(join(base, wanted))
  const inside = relative(base, target)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside)) return null
  return target
}

/** Answers `app://desk/...` requests from the files under root, with the CSP on each. */
export function createAppProtocolHandler(root: string): (request: Request) => Promise<Response> {
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return plain(405, 'Only GET and HEAD are served here')
    }
    const url = new URL(request.url)
    if (originOf(request.url) !== APP_ORIGIN) return plain(404, 'Not an address of this app')
    const filePath = resolveAppPath(root, url.pathname)
    if (!filePath) return plain(404, 'Not a file of this app')
    let body: Buffer
    try {
      body = await readFile(filePath)
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') {
        return plain(404, 'Not a file of this app')
      }
      throw error
    }
    const headers = { ...SECURITY_HEADERS, 'Content-Type': contentTypeFor(filePath) }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers
    })
  }
}

/** What registerAppProtocol needs of Electron's protocol module. */
export interface ProtocolLike {
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void
}

export function registerAppProtocol(protocol: ProtocolLike, root: string): void {
  protocol.handle(APP_SCHEME, createAppProtocolHandler(root))
}

const SECURITY_HEADERS = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  // The files change with every build; the app is offline-first through Dexie, not caching.
  'Cache-Control': 'no-cache'
}

function plain(status: number, text: string): Response {
  return new Response(text, {
    status,
    headers: { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' }
  })
}
