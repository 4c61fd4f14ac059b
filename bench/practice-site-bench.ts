import { Pool } from 'undici'
import { startPracticeSite } from '../src/sim'
import { summarize, timed, type Summary } from './measure'

const AUTHORIZATION = `Basic ${Buffer.from('jadams:password231').toString('base64')}`
const SEED_EXAMPLE = {
  ConnectionId: -1,
  Complete: false,
  ConnectionDate: '06/05/2015',
  ConnectionTypeId: 1,
  FamilyConnection: false,
  ContactIndvId: 76,
  OpenCategoryId: 1,
  Reassign: false,
  NewCallerIndvId: -1,
  NewTeamId: 1,
  Comment: 'Test',
  ResponseIdList: [-1]
}

export interface PracticeSiteMetrics {
  startupMs: Summary
  changeRequestsPerSecond: Summary
  directoryPagesPerSecond: Summary
}

/** How fast the practice site starts and answers: it is the target of every other benchmark. */
export async function benchPracticeSite(options: {
  rounds: number
  requestsPerRound: number
  concurrency: number
}): Promise<PracticeSiteMetrics> {
  const startups: number[] = []
  for (let round = 0; round < options.rounds; round++) {
    const { ms, value: site } = await timed(() => startPracticeSite({ port: 0, people: 2000 }))
    startups.push(ms)
    await site.close()
  }

  const site = await startPracticeSite({ port: 0, people: 50_000 })
  const pool = new Pool(site.url, { connections: options.concurrency })
  try {
    const posts: number[] = []
    const pages: number[] = []
    for (let round = 0; round < options.rounds; round++) {
      posts.push(
        await throughput(options, (index) =>
          pool.request({
            method: 'POST',
            path: '/api_accessacs_mobile/v2/12345/connections',
            headers: {
              authorization: AUTHORIZATION,
              'content-type': 'application/json; charset=utf-8',
              'idempotency-key': `bench-${round}-${index}`
            },
            body: JSON.stringify(SEED_EXAMPLE)
          })
        )
      )
      pages.push(
        await throughput(options, (index) =>
          pool.request({
            method: 'GET',
            path: `/api_accessacs_mobile/v2/12345/individuals?q=&page=${(index % 50) + 1}&pageSize=1000`,
            headers: { authorization: AUTHORIZATION }
          })
        )
      )
    }
    return {
      startupMs: summarize(startups),
      changeRequestsPerSecond: summarize(posts),
      directoryPagesPerSecond: summarize(pages)
    }
  } finally {
    await pool.close()
    await site.close()
  }
}

async function throughput(
  options: { requestsPerRound: number; concurrency: number },
  request: (index: number) => Promise<{ statusCode: number; body: { text(): Promise<string> } }>
): Promise<number> {
  let next = 0
  const worker = async (): Promise<void> => {
    while (next < options.requestsPerRound) {
      const index = next++
      const answer = await request(index)
      await answer.body.text()
      if (answer.statusCode !== 200) {
        throw new Error(`The practice site answered ${answer.statusCode} during the benchmark`)
      }
    }
  }
  const { ms } = await timed(() => Promise.all(Array.from({ length: options.concurrency }, worker)))
  return (options.requestsPerRound / ms) * 1000
}
