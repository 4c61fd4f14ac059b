import { createServer, type AddressInfo } from 'node:net'
import { rootCertificates } from 'node:tls'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { createAcsClient, type AcsClient } from '$main/api/acs-client'
import type { ApiLogger } from '$main/api/api-logger'
import { routeFromPac } from '$main/api/proxy-route'
import { loadTrustStore, type CaSource } from '$main/api/trust-store'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import { startConnectProxy, type ConnectProxy } from '../../harness/connect-proxy'
import { SITE_ROOT } from '../../harness/tls-certificates'
import { startTlsFront, type TlsFront } from '../../harness/tls-front'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'

const withSiteRootInSystem = (source: CaSource): readonly string[] =>
  source === 'system' ? [SITE_ROOT] : rootCertificates

let fixture: SiteFixture
let front: TlsFront
let filterFront: TlsFront
let proxy: ConnectProxy
let counter = 0
const asked: string[] = []
const logged: string[] = []
/** What the system's settings answer; each test sets it. */
let pacAnswer: () => Promise<string> = async () => 'DIRECT'

const logger: ApiLogger = {
  info: (line) => logged.push(line),
  warn: (line) => logged.push(line)
}

let client: AcsClient

beforeAll(async () => {
  fixture = await startSite()
  front = await startTlsFront(fixture.site.baseUrl, 'good')
  filterFront = await startTlsFront(fixture.site.baseUrl, 'filter-with-root')
})

// A client and a proxy of its own for each test: no tunnel is reused from another one.
beforeEach(async () => {
  proxy = await startConnectProxy()
  client = createAcsClient({
    totalTimeoutMs: 5_000,
    logger,
    trustedCertificates: () => loadTrustStore(withSiteRootInSystem).certificates,
    resolveProxy: (url) => {
      asked.push(url)
      return pacAnswer()
    }
  })
})

afterEach(async () => {
  await client.close()
  await proxy.close()
  asked.length = 0
  logged.length = 0
  await fixture.reset()
})

afterAll(async () => {
  await Promise.all([front.close(), filterFront.close()])
  await fixture.close()
})

function post(baseUrl: string): Promise<DeliveryOutcome> {
  counter++
  return client.postChangeRequest(
    { ...fixture.credentials(), baseUrl },
    {
      id: `proxy-${counter}`,
      idempotencyKey: `proxy-key-${counter}-${Date.now()}`,
      body: newConnectionBody(`proxy test ${counter}`)
    }
  )
}

function messageOf(outcome: DeliveryOutcome): string {
  return 'message' in outcome ? outcome.message : ''
}

describe('through the system’s proxy server', () => {
  it('delivers a change request through a CONNECT tunnel to the site', async () => {
    pacAnswer = async () => `PROXY ${proxy.address}; DIRECT`
    const outcome = await post(front.baseUrl)
    expect(outcome.kind).toBe('accepted')
    expect(proxy.tunnels()).toEqual([`127.0.0.1:${front.port}`])
    expect(asked).toEqual([`https://127.0.0.1:${front.port}`])
    expect(await fixture.changeRequests()).toHaveLength(1)
    expect(logged.some((line) => line.includes(`via proxy ${proxy.address}`))).toBe(true)
  })

  it('goes straight to the site when the settings say DIRECT', async () => {
    pacAnswer = async () => 'DIRECT'
    expect((await post(front.baseUrl)).kind).toBe('accepted')
    expect(proxy.tunnels()).toEqual([])
  })

  it('never asks about, nor goes through a proxy to, the practice site on this computer', async () => {
    pacAnswer = async () => `PROXY ${proxy.address}`
    expect((await post(fixture.site.baseUrl)).kind).toBe('accepted')
    expect(asked).toEqual([])
    expect(proxy.tunnels()).toEqual([])
  })

  it('says the proxy wants a sign-in it cannot give, and keeps the result to retry', async () => {
    pacAnswer = async () => `PROXY ${proxy.address}`
    proxy.refuse(407)
    const outcome = await post(front.baseUrl)
    expect(outcome.kind).toBe('retryable')
    expect(messageOf(outcome)).toContain('the office’s proxy server asks for a sign-in')
    expect(await fixture.changeRequests()).toHaveLength(0)
  })

  it('says the proxy blocked the site, and keeps the result to retry', async () => {
    pacAnswer = async () => `PROXY ${proxy.address}`
    proxy.refuse(403)
    const outcome = await post(front.baseUrl)
    expect(outcome.kind).toBe('retryable')
    expect(messageOf(outcome)).toContain('would not open a connection to the site (it answered 403')
    expect(await fixture.changeRequests()).toHaveLength(0)
  })

  it('names the proxy when it cannot be reached, and keeps the result to retry', async () => {
    const deadAddress = await freeAddress()
    pacAnswer = async () => `PROXY ${deadAddress}`
    const outcome = await post(front.baseUrl)
    expect(outcome.kind).toBe('retryable')
    expect(messageOf(outcome)).toContain(
      `the office’s proxy server (${deadAddress}) could not be reached`
    )
  })

  it('says a filter intercepts when the tunnel ends at an untrusted certificate', async () => {
    pacAnswer = async () => `PROXY ${proxy.address}`
    const outcome = await post(filterFront.baseUrl)
    expect(outcome.kind).toBe('retryable')
    expect(messageOf(outcome)).toContain('a network filter is intercepting the secure connection')
    expect(await fixture.changeRequests()).toHaveLength(0)
  })

  it('goes direct, and logs why, when the settings cannot be read', async () => {
    pacAnswer = async () => {
      throw new Error('proxy resolver crashed')
    }
    expect((await post(front.baseUrl)).kind).toBe('accepted')
    expect(logged.some((line) => line.includes('proxy resolver crashed'))).toBe(true)
  })
})

describe('reading the system’s proxy answer (Chromium’s PAC form)', () => {
  it.each([
    ['DIRECT', { kind: 'direct' }],
    [
      'PROXY proxy.example:8080',
      { kind: 'proxy', uri: 'http://proxy.example:8080', address: 'proxy.example:8080' }
    ],
    [
      'PROXY proxy.example:8080; DIRECT',
      { kind: 'proxy', uri: 'http://proxy.example:8080', address: 'proxy.example:8080' }
    ],
    [
      'HTTPS secure-proxy.example:443',
      { kind: 'proxy', uri: 'https://secure-proxy.example', address: 'secure-proxy.example:443' }
    ],
    [
      'SOCKS5 10.0.0.2:1080',
      { kind: 'proxy', uri: 'socks5://10.0.0.2:1080', address: '10.0.0.2:1080' }
    ],
    [
      'SOCKS4 10.0.0.2:1080;PROXY [::1]:3128',
      { kind: 'proxy', uri: 'http://[::1]:3128', address: '[::1]:3128' }
    ],
    ['QUIC quic.example:443; DIRECT', { kind: 'direct' }],
    ['PROXY user:secret@proxy.example:8080; DIRECT', { kind: 'direct' }]
  ])('%s', (pac, route) => {
    expect(routeFromPac(pac)).toEqual(route)
  })

  it.each(['', 'SOCKS4 10.0.0.2:1080', 'PROXY', 'nonsense here'])(
    'finds no usable route in "%s"',
    (pac) => {
      expect(routeFromPac(pac)).toBeUndefined()
    }
  )
})

/** A loopback address where nothing listens. */
async function freeAddress(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `127.0.0.1:${port}`
}
