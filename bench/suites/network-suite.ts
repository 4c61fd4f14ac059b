import { execFile } from 'node:child_process'
import { rootCertificates, type SecureContext } from 'node:tls'
import { promisify } from 'node:util'
import { Agent, ProxyAgent, request, type Dispatcher } from 'undici'
import { createAcsClient } from '../../src/main/api/acs-client'
import { loadTrustStore, trustContext, type CaSource } from '../../src/main/api/trust-store'
import { startPracticeSite } from '../../src/sim'
import { startConnectProxy } from '../../test/harness/connect-proxy'
import { SITE_ROOT } from '../../test/harness/tls-certificates'
import { startTlsFront } from '../../test/harness/tls-front'
import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import { benchChangeRequest } from '../contract/bench-items'
import { summarize, timed } from '../measure'
import type { MetricRow } from '../metric-row'
import { PRACTICE_AUTHORIZATION } from './drain-rounds'

const run = promisify(execFile)

/**
 * What trusting the system's authorities and going through a proxy cost (docs/network.md):
 * reading the system's list in a fresh process, building the one TLS context from it, a
 * request on a new connection (handshake included) and on a kept-alive one, straight to a
 * TLS front of the practice site and through a loopback CONNECT proxy. No targets: the
 * figures are for the decision, and loopback hides the network's own latency.
 */
export async function networkSuite(config: BenchConfig): Promise<MetricRow[]> {
  const coldRounds = config.siteRounds * 2
  const requests = Math.max(50, Math.round(config.siteRequests / 6))
  const rows: MetricRow[] = []

  const cold: Array<{ systemMs: number; contextMs: number; system: number; union: number }> = []
  for (let round = 0; round < coldRounds; round++) cold.push(await coldTrustStore())
  const first = cold[0]
  if (!first) throw new BenchError('No cold trust store reading')
  rows.push(
    row(
      'network-system-ca-read',
      'system CA list read, first call in a fresh Node',
      'ms',
      cold.map((c) => c.systemMs),
      {
        systemCertificates: first.system,
        afterDedupWithBundled: first.union
      }
    ),
    row(
      'network-trust-context',
      'TLS context built from bundled + system CAs',
      'ms',
      cold.map((c) => c.contextMs),
      { defaultContextNote: 'Node’s default context reuses its cached root store' }
    )
  )

  const site = await startPracticeSite({ port: 0, people: 200 })
  const front = await startTlsFront(site.baseUrl, 'good')
  const proxy = await startConnectProxy()
  try {
    const read = (source: CaSource): readonly string[] =>
      source === 'system' ? [SITE_ROOT] : rootCertificates
    const certificates = loadTrustStore(read).certificates
    const shared = trustContext(certificates)
    const url = `${front.baseUrl}/12345/connections`
    const proxyUri = `http://${proxy.address}`

    const fresh = async (dispatcher: () => Dispatcher, index: number): Promise<number> => {
      const agent = dispatcher()
      try {
        return (await timed(() => post(agent, url, index))).ms
      } finally {
        await agent.close()
      }
    }
    const newConnection = async (label: string, make: () => Dispatcher): Promise<number[]> => {
      const times: number[] = []
      for (let index = 0; index < requests; index++) times.push(await fresh(make, index))
      if (times.length === 0) throw new BenchError(`No samples for ${label}`)
      return times
    }
    const directShared = await newConnection('direct', () => directAgent({ secureContext: shared }))
    const directPerConnection = await newConnection('direct, ca', () =>
      directAgent({ ca: [...certificates] })
    )
    const proxied = await newConnection('proxy', () => proxyAgent(proxyUri, shared))
    rows.push(
      row(
        'network-new-direct',
        'POST on a new TLS connection, direct, shared context',
        'ms',
        directShared
      ),
      row(
        'network-new-direct-ca',
        'POST on a new TLS connection, direct, CA list given per connection',
        'ms',
        directPerConnection
      ),
      row(
        'network-new-proxy',
        'POST on a new TLS connection through a CONNECT proxy',
        'ms',
        proxied
      )
    )

    // The client as the app builds it: kept-alive connections, one route each.
    for (const [id, name, resolveProxy] of [
      [
        'network-keepalive-direct',
        'POST with the API client, kept-alive, direct',
        async () => 'DIRECT'
      ],
      [
        'network-keepalive-proxy',
        'POST with the API client, kept-alive, through a CONNECT proxy',
        async () => `PROXY ${proxy.address}`
      ]
    ] as const) {
      const client = createAcsClient({ trustedCertificates: () => certificates, resolveProxy })
      const credentials = {
        baseUrl: front.baseUrl,
        siteNumber: 12345,
        username: 'jadams',
        password: 'password231'
      }
      const times: number[] = []
      try {
        for (let index = 0; index < requests; index++) {
          const { ms, value } = await timed(() =>
            client.postChangeRequest(credentials, {
              id: `net-${id}-${index}`,
              idempotencyKey: `net-${id}-${index}-${Date.now()}`,
              body: benchChangeRequest(index)
            })
          )
          if (value.kind !== 'accepted') {
            throw new BenchError(`The client's POST came back ${value.kind} during ${name}`)
          }
          // The first request pays for the trust store and the handshake: timed apart above.
          if (index > 0) times.push(ms)
        }
      } finally {
        await client.close()
      }
      rows.push(row(id, name, 'ms', times))
    }
  } finally {
    await proxy.close()
    await front.close()
    await site.close()
  }
  return rows
}

function row(
  id: string,
  name: string,
  unit: string,
  values: number[],
  details?: Record<string, unknown>
): MetricRow {
  return {
    id,
    name,
    unit,
    value: summarize(values),
    target: '(no target: for docs/network.md)',
    met: null,
    ...(details ? { details } : {})
  }
}

function directAgent(tls: { secureContext: SecureContext } | { ca: string[] }): Agent {
  return new Agent({ connect: { timeout: 10_000, ...tls } })
}

function proxyAgent(uri: string, secureContext: SecureContext): ProxyAgent {
  return new ProxyAgent({ uri, requestTls: { secureContext } })
}

async function post(dispatcher: Dispatcher, url: string, index: number): Promise<void> {
  const answer = await request(url, {
    dispatcher,
    method: 'POST',
    headers: {
      authorization: PRACTICE_AUTHORIZATION,
      'content-type': 'application/json; charset=utf-8',
      'idempotency-key': `net-new-${index}-${Date.now()}-${Math.random()}`
    },
    body: JSON.stringify(benchChangeRequest(index))
  })
  await answer.body.text()
  if (answer.statusCode !== 200) {
    throw new BenchError(`The TLS front answered ${answer.statusCode} during the benchmark`)
  }
}

/** A fresh Node reads the system's list (Node caches it per process) and builds the context. */
async function coldTrustStore(): Promise<{
  systemMs: number
  contextMs: number
  system: number
  union: number
}> {
  const script = `
    const tls = require('node:tls')
    const started = performance.now()
    const system = tls.getCACertificates('system')
    const read = performance.now()
    const union = [...new Set([...tls.getCACertificates('bundled'), ...system])]
    tls.createSecureContext({ ca: union })
    const built = performance.now()
    console.log(JSON.stringify({ systemMs: read - started, contextMs: built - read, system: system.length, union: union.length }))
  `
  const { stdout } = await run(process.execPath, ['-e', script])
  const parsed: unknown = JSON.parse(stdout)
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    !['systemMs', 'contextMs', 'system', 'union'].every(
      (key) => typeof (parsed as Record<string, unknown>)[key] === 'number'
    )
  ) {
    throw new BenchError(`A cold trust store reading printed ${stdout.slice(0, 200)}`)
  }
  return parsed as { systemMs: number; contextMs: number; system: number; union: number }
}
