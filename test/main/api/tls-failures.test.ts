import { createServer as createHttpServer, type Server as HttpServer } from 'node:http'
import { createServer as createHttpsServer, type ServerOptions } from 'node:https'
import {
  createServer as createTcpServer,
  type AddressInfo,
  type Server,
  type Socket
} from 'node:net'
import { rootCertificates } from 'node:tls'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAcsClient, type AcsClient } from '$main/api/acs-client'
import { loadTrustStore, type CaSource } from '$main/api/trust-store'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import { SITE_ROOT, serverIdentity, type IdentityName } from '../../harness/tls-certificates'
import { startTlsFront, type TlsFront } from '../../harness/tls-front'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { newConnectionBody } from '../../shared/support/outbox-fixtures'

/** The site's authority in the "system" list, as IT would have installed it. */
const withSiteRootInSystem = (source: CaSource): readonly string[] =>
  source === 'system' ? [SITE_ROOT] : rootCertificates

const CLOCK = 'check the computer’s date and time'
const FILTER = 'a network filter is intercepting the secure connection'
const OTHER_SITE = 'a certificate for another site'
const NOT_TLS = 'does not speak secure connections'
const REFUSED = 'the secure connection could not be set up'
const CUT = 'the connection was cut while it was being set up'

let fixture: SiteFixture
let front: TlsFront
let client: AcsClient
let counter = 0
/** Servers a test started, stopped after all. */
const cleanups: Array<() => Promise<void>> = []

beforeAll(async () => {
  fixture = await startSite()
  front = await startTlsFront(fixture.site.baseUrl, 'good')
  client = createAcsClient({
    totalTimeoutMs: 5_000,
    trustedCertificates: () => loadTrustStore(withSiteRootInSystem).certificates
  })
})

afterEach(async () => {
  await fixture.reset()
})

afterAll(async () => {
  await client.close()
  await front.close()
  await Promise.all(cleanups.map((cleanup) => cleanup()))
  await fixture.close()
})

function post(baseUrl: string, through: AcsClient = client): Promise<DeliveryOutcome> {
  counter++
  return through.postChangeRequest(
    { ...fixture.credentials(), baseUrl },
    {
      id: `tls-${counter}`,
      idempotencyKey: `tls-key-${counter}`,
      body: newConnectionBody(`tls test ${counter}`)
    }
  )
}

/** A front of its own presenting `identity`, so no connection from another test is reused. */
async function frontWith(identity: IdentityName): Promise<string> {
  const own = await startTlsFront(fixture.site.baseUrl, identity)
  cleanups.push(() => own.close())
  return own.baseUrl
}

/** Starts `server` on 127.0.0.1 and returns the https base URL a clerk would type for it. */
async function listen(server: HttpServer | Server): Promise<string> {
  const sockets = new Set<Socket>()
  server.on('connection', (socket: Socket) => sockets.add(socket))
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        // A client that never finished its handshake would keep close() waiting.
        for (const socket of sockets) socket.destroy()
        server.close(() => resolve())
      })
  )
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return `https://127.0.0.1:${port}/api_accessacs_mobile/v2`
}

/** Retryable, never "may have arrived", says `words`, and nothing reached the site. */
async function expectRefusedBeforeSending(outcome: DeliveryOutcome, words: string): Promise<void> {
  expect(outcome.kind).toBe('retryable')
  expect(outcome.kind === 'retryable' ? outcome.message : '').toContain(words)
  expect(await fixture.changeRequests()).toHaveLength(0)
}

describe('the client against TLS fronts of the practice site', () => {
  it('delivers through a front whose authority is only in the system list it was given', async () => {
    const outcome = await post(front.baseUrl)
    expect(outcome.kind).toBe('accepted')
    expect(await fixture.changeRequests()).toHaveLength(1)
  })

  it('cannot reach the same front with Node’s built-in list alone, and says why', async () => {
    const builtInOnly = createAcsClient({ totalTimeoutMs: 5_000 })
    try {
      await expectRefusedBeforeSending(await post(front.baseUrl, builtInOnly), FILTER)
    } finally {
      await builtInOnly.close()
    }
  })

  it('keeps delivering with Node’s own list when the trust store cannot be read, and logs why', async () => {
    const lines: string[] = []
    const unreadable = createAcsClient({
      logger: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
      trustedCertificates: () => {
        throw new Error('the keychain is locked')
      }
    })
    try {
      expect((await post(fixture.site.baseUrl, unreadable)).kind).toBe('accepted')
    } finally {
      await unreadable.close()
    }
    expect(lines.some((line) => line.includes('the keychain is locked'))).toBe(true)
  })

  const certificateCases: Array<[IdentityName, string, string]> = [
    ['broken-chain', 'a leaf without its intermediate', FILTER],
    ['filter', 'an unknown authority’s leaf (a filtering proxy)', FILTER],
    ['filter-with-root', 'an unknown authority’s leaf and root', FILTER],
    ['self-signed', 'a self-signed certificate', FILTER],
    ['not-yet-valid', 'a certificate not valid yet (the clock is behind)', CLOCK],
    ['expired', 'an expired certificate (the clock is ahead)', CLOCK],
    ['other-name', 'a certificate for another name', OTHER_SITE]
  ]
  for (const [identity, what, words] of certificateCases) {
    it(`treats ${what} as not sent, and says "${words}"`, async () => {
      await expectRefusedBeforeSending(await post(await frontWith(identity)), words)
    })
  }

  it('treats a plain-HTTP server on the https port as not sent', async () => {
    const baseUrl = await listen(createHttpServer((_request, response) => response.end('plain')))
    await expectRefusedBeforeSending(await post(baseUrl), NOT_TLS)
  })

  it('treats a handshake alert (the server wants an older TLS) as not sent', async () => {
    const options: ServerOptions = {
      ...serverIdentity('good'),
      minVersion: 'TLSv1',
      maxVersion: 'TLSv1.1',
      ciphers: 'DEFAULT@SECLEVEL=0'
    }
    const baseUrl = await listen(createHttpsServer(options, (_request, response) => response.end()))
    await expectRefusedBeforeSending(await post(baseUrl), REFUSED)
  })

  it('treats a handshake failure alert (the server demands a client certificate) as not sent', async () => {
    const options: ServerOptions = {
      ...serverIdentity('good'),
      maxVersion: 'TLSv1.2',
      requestCert: true,
      rejectUnauthorized: true,
      ca: [SITE_ROOT]
    }
    const baseUrl = await listen(createHttpsServer(options, (_request, response) => response.end()))
    await expectRefusedBeforeSending(await post(baseUrl), REFUSED)
  })

  it('treats a connection cut during the handshake (a firewall) as not sent', async () => {
    const cutter = createTcpServer((socket) => socket.once('data', () => socket.resetAndDestroy()))
    await expectRefusedBeforeSending(await post(await listen(cutter)), CUT)
  })

  it('treats a handshake that never ends, cut by the request’s own time limit, as not sent', async () => {
    const silent = createTcpServer((socket) => socket.on('error', () => socket.destroy()))
    const baseUrl = await listen(silent)
    const impatient = createAcsClient({ totalTimeoutMs: 300, connectTimeoutMs: 10_000 })
    try {
      await expectRefusedBeforeSending(await post(baseUrl, impatient), 'took too long')
    } finally {
      await impatient.close()
    }
  })
})
