import { Pool } from 'undici'
import { startPracticeSite } from '../../src/sim'
import { BenchError } from '../bench-error'
import type { BenchConfig } from '../bench-config'
import { rateSummary, summarize, timed, type Summary } from '../measure'
import type { MetricRow } from '../metric-row'
import { benchChangeRequest } from '../contract/bench-items'
import { PRACTICE_AUTHORIZATION } from './drain-rounds'

const CONCURRENCY = 4

/**
 * How fast the practice site starts and answers on its own, straight from Node: it is the
 * far end of every other benchmark, so its ceiling bounds theirs. No targets.
 */
export async function practiceSiteSuite(config: BenchConfig): Promise<MetricRow[]> {
  const startups: number[] = []
  for (let round = 0; round < config.siteRounds; round++) {
    const { ms, value: site } = await timed(() =>
      startPracticeSite({ port: 0, people: config.people })
    )
    startups.push(ms)
    await site.close()
  }

  const site = await startPracticeSite({ port: 0, people: config.people })
  const pool = new Pool(site.url, { connections: CONCURRENCY })
  const posts: Array<{ items: number; ms: number }> = []
  const pages: Array<{ items: number; ms: number }> = []
  try {
    for (let round = 0; round < config.siteRounds; round++) {
      posts.push(
        await throughput(config.siteRequests, (index) =>
          pool.request({
            method: 'POST',
            path: '/api_accessacs_mobile/v2/12345/connections',
            headers: {
              authorization: PRACTICE_AUTHORIZATION,
              'content-type': 'application/json; charset=utf-8',
              'idempotency-key': `site-bench-${round}-${index}`
            },
            body: JSON.stringify(benchChangeRequest(index))
          })
        )
      )
      pages.push(
        await throughput(Math.ceil(config.siteRequests / 10), (index) =>
          pool.request({
            method: 'GET',
            path: `/api_accessacs_mobile/v2/12345/individuals?q=%25&pageIndex=${index % 100}&pageSize=500`,
            headers: { authorization: PRACTICE_AUTHORIZATION }
          })
        )
      )
    }
  } finally {
    await pool.close()
    await site.close()
  }
  const people = config.people.toLocaleString('en')
  const row = (id: string, name: string, unit: string, value: Summary): MetricRow => ({
    id,
    name,
    unit,
    value,
    target: '(no target: the site bounds the others)',
    met: null
  })
  return [
    row('site-start', `practice site start, ${people} people`, 'ms', summarize(startups)),
    row(
      'site-posts',
      'practice site change requests, straight from Node, concurrency 4',
      'req/s',
      rateSummary(posts)
    ),
    row(
      'site-pages',
      'practice site directory pages of 500 (q=%), straight from Node',
      'pages/s',
      rateSummary(pages)
    )
  ]
}

async function throughput(
  requests: number,
  request: (index: number) => Promise<{ statusCode: number; body: { text(): Promise<string> } }>
): Promise<{ items: number; ms: number }> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < requests) {
      const index = next++
      const answer = await request(index)
      await answer.body.text()
      if (answer.statusCode !== 200) {
        throw new BenchError(`The practice site answered ${answer.statusCode} during the benchmark`)
      }
    }
  }
  const { ms } = await timed(() => Promise.all(Array.from({ length: CONCURRENCY }, worker)))
  return { items: requests, ms }
}
