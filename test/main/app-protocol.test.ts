import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  contentTypeFor,
  createAppProtocolHandler,
  registerAppProtocol,
  resolveAppPath
} from '../../src/main/app-protocol'
import { CONTENT_SECURITY_POLICY } from '../../src/main/session-hardening'

describe('resolveAppPath', () => {
  const root = '/srv/out/renderer'

  it.each([
    ['/', '/srv/out/renderer/index.html'],
    ['', '/srv/out/renderer/index.html'],
    ['/index.html', '/srv/out/renderer/index.html'],
    ['/assets/index-abc.js', '/srv/out/renderer/assets/index-abc.js'],
    ['/assets/', '/srv/out/renderer/assets/index.html'],
    ['/assets/my%20font.woff2', '/srv/out/renderer/assets/my font.woff2']
  ])('maps %j inside the folder', (urlPath, file) => {
    expect(resolveAppPath(root, urlPath)).toBe(file)
  })

  it.each([
    '/../secret.txt',
    '/assets/../../secret.txt',
    '/..%2f..%2fetc%2fpasswd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/assets/%2e%2e%2f%2e%2e%2fpackage.json',
    '/%00index.html',
    '/%E0%A4%A',
    '/..',
    '/../renderer-sibling/index.html'
  ])('refuses %j, which leaves the folder or is malformed', (urlPath) => {
    expect(resolveAppPath(root, urlPath)).toBeNull()
  })
})

describe('contentTypeFor', () => {
  it.each([
    ['index.html', 'text/html; charset=utf-8'],
    ['a/b.JS', 'text/javascript; charset=utf-8'],
    ['style.css', 'text/css; charset=utf-8'],
    ['logo.svg', 'image/svg+xml'],
    ['font.woff2', 'font/woff2'],
    ['data.json', 'application/json; charset=utf-8'],
    ['blob.bin', 'application/octet-stream'],
    ['Makefile', 'application/octet-stream']
  ])('%s is served as %s', (file, type) => {
    expect(contentTypeFor(file)).toBe(type)
  })
})

describe('the app protocol handler', () => {
  let base: string
  let root: string
  let handle: (request: Request) => Promise<Response>

  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), 'desk-app-protocol-'))
    root = join(base, 'renderer')
    await mkdir(join(root, 'assets'), { recursive: true })
    await writeFile(join(root, 'index.html'), '<!doctype html><title>Desk</title>')
    await writeFile(join(root, 'assets', 'main.js'), 'console.log(1)')
    await writeFile(join(base, 'secret.txt'), 'outside the folder')
    handle = createAppProtocolHandler(root)
  })

  afterAll(async () => {
    await rm(base, { recursive: true, force: true })
  })

  it('serves the entry page with its type and the CSP', async () => {
    const response = await handle(new Request(APP_ENTRY_URL))
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(await response.text()).toBe('<!doctype html><title>Desk</title>')
  })

  it('serves assets, and HEAD without a body', async () => {
    const asset = await handle(new Request('app://desk/assets/main.js'))
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await asset.text()).toBe('console.log(1)')
    const head = await handle(new Request('app://desk/assets/main.js', { method: 'HEAD' }))
    expect(head.status).toBe(200)
    expect(await head.text()).toBe('')
  })

  it.each([
    'app://desk/missing.js',
    'app://desk/assets',
    'app://desk/..%2fsecret.txt',
    'app://desk/%2e%2e/secret.txt',
    'app://other/index.html'
  ])('answers 404 for %s, with the CSP still on', async (url) => {
    const response = await handle(new Request(url))
    expect(response.status).toBe(404)
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY)
    expect(await response.text()).not.toContain('outside the folder')
  })

  it('answers 405 to anything but GET and HEAD', async () => {
    const response = await handle(new Request(APP_ENTRY_URL, { method: 'POST', body: 'x' }))
    expect(response.status).toBe(405)
  })

  it('registers the handler for the app scheme, declared standard and secure', async () => {
    const registered: Array<[string, (request: Request) => Promise<Response>]> = []
    registerAppProtocol(
      { handle: (scheme, handler) => void registered.push([scheme, handler]) },
      root
    )
    expect(registered.map(([scheme]) => scheme)).toEqual([APP_SCHEME])
    const response = await registered[0]?.[1](new Request(APP_ENTRY_URL))
    expect(response?.status).toBe(200)
    expect(APP_SCHEME_PRIVILEGES).toEqual([
      {
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true })
      }
    ])
  })
})
