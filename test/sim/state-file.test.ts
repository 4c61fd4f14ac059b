import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import {
  PracticeSiteStateError,
  startPracticeSite,
  type RecordedChangeRequest
} from '../../src/sim'
import { SEED_EXAMPLE } from '../shared/change-request/bodies'
import { SiteClient, acceptedId } from './support/site-client'

let folder: string
let statePath: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'practice-site-state-'))
  statePath = join(folder, 'state.json')
})
afterEach(() => rm(folder, { recursive: true, force: true }))

async function readState(): Promise<{
  seed: number
  people: number
  nextConnectionCRId: number
  changeRequests: RecordedChangeRequest[]
}> {
  return JSON.parse(await readFile(statePath, 'utf8'))
}

describe('--state FILE', () => {
  it('is written at start, so a fresh site leaves a file', async () => {
    const site = await startPracticeSite({ port: 0, statePath, seed: 4, people: 300 })
    expect(await readState()).toMatchObject({
      seed: 4,
      people: 300,
      nextConnectionCRId: 1001,
      changeRequests: []
    })
    await site.close()
  })

  it('a restart on the same file keeps the log, the ids and the idempotency memory', async () => {
    const first = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
    const firstClient = new SiteClient(first)
    await acceptedId(await firstClient.post(SEED_EXAMPLE, { idempotencyKey: 'kept' }))
    await acceptedId(await firstClient.post(SEED_EXAMPLE))
    const before = await firstClient.changeRequests()
    await first.close()
    expect((await readState()).changeRequests).toEqual(before)

    const second = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
    const secondClient = new SiteClient(second)
    expect(await secondClient.changeRequests()).toEqual(before)
    expect(await acceptedId(await secondClient.post(SEED_EXAMPLE))).toBe(1003)
    const repeat = await secondClient.post(SEED_EXAMPLE, { idempotencyKey: 'kept' })
    expect(await acceptedId(repeat)).toBe(1001)
    expect(repeat.headers.get('idempotent-replayed')).toBe('true')
    await second.close()
    expect((await readState()).changeRequests).toHaveLength(3)
  })

  it('reads a file of an older version, from before ApplicationId and site were recorded', async () => {
    const older = {
      format: 'connections-desk-practice-site',
      version: 1,
      seed: 1,
      people: 100,
      nextConnectionCRId: 1002,
      changeRequests: [
        {
          ConnectionCRId: 1001,
          IdempotencyKey: null,
          User: 'jadams',
          ReceivedAt: '2025-03-14T10:00:00.000Z',
          Body: SEED_EXAMPLE
        }
      ],
      idempotency: []
    }
    await writeFile(statePath, JSON.stringify(older))
    const site = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
    expect(await new SiteClient(site).changeRequests()).toEqual([
      { ...older.changeRequests[0], ApplicationId: '', SiteNumber: 12345 }
    ])
    await site.close()
  })

  it('keeps the seed and people count: a restart without them makes the same church', async () => {
    const first = await startPracticeSite({ port: 0, statePath, seed: 42, people: 150 })
    const people = await new SiteClient(first).getJson('/individuals?q=%25&pageSize=500')
    await first.close()
    const second = await startPracticeSite({ port: 0, statePath })
    expect(await new SiteClient(second).getJson('/individuals?q=%25&pageSize=500')).toEqual(people)
    await second.close()
  })

  it('refuses a seed that contradicts the file', async () => {
    await (await startPracticeSite({ port: 0, statePath, seed: 42 })).close()
    const refusal = startPracticeSite({ port: 0, statePath, seed: 43 })
    await expect(refusal).rejects.toThrow(PracticeSiteStateError)
    await expect(refusal).rejects.toThrow(/seed 42/)
  })

  it('reset is saved too', async () => {
    const site = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
    const client = new SiteClient(site)
    await acceptedId(await client.post(SEED_EXAMPLE))
    await client.reset()
    await site.close()
    expect(await readState()).toMatchObject({ nextConnectionCRId: 1001, changeRequests: [] })
  })

  it('is never half-written: every read during a burst parses, and none is lost', async () => {
    const site = await startPracticeSite({ port: 0, statePath })
    const client = new SiteClient(site)
    let reading = true
    let reads = 0
    let lastCount = 0
    const reader = (async () => {
      while (reading) {
        const state = await readState()
        expect(state.changeRequests.length).toBeGreaterThanOrEqual(lastCount)
        lastCount = state.changeRequests.length
        reads++
      }
    })()
    const posts = Array.from({ length: 150 }, (_, index) =>
      client.post({ ...SEED_EXAMPLE, Comment: `burst ${index}` }).then(acceptedId)
    )
    await Promise.all(posts)
    await site.close()
    reading = false
    await reader
    expect(reads).toBeGreaterThan(0)
    const saved = await readState()
    expect(saved.changeRequests).toHaveLength(150)
    expect(saved.nextConnectionCRId).toBe(1151)
    // No temporary files are left beside it.
    expect(await readdir(folder)).toEqual(['state.json'])
  })

  it.each([
    ['not JSON', '{"format": "connections-desk-pra'],
    ['JSON of another shape', '{"hello": "world"}'],
    ['an empty file', '']
  ])('a corrupt file (%s) → a clear error naming the file', async (_, text) => {
    await writeFile(statePath, text)
    const refusal = startPracticeSite({ port: 0, statePath })
    await expect(refusal).rejects.toThrow(PracticeSiteStateError)
    await expect(refusal).rejects.toThrow(statePath)
    // The file is left for a person to look at.
    expect(await readFile(statePath, 'utf8')).toBe(text)
  })

  it('a folder that does not exist → a clear error naming the file', async () => {
    const nowhere = join(folder, 'missing', 'state.json')
    await expect(startPracticeSite({ port: 0, statePath: nowhere })).rejects.toThrow(nowhere)
  })
})
