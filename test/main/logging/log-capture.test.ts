import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createAppLog, type AppLog } from '$main/logging/app-log'
import { routeConsoleToLog } from '$main/logging/route-console'
import type { Person } from '$shared/lookups'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'
import { keepOpenBody, newConnectionBody } from '../../shared/support/outbox-fixtures'
import { COMMENT_MARKER, comment } from '../support/delivery-checks'
import { createDeliveryWorld, type DeliveryWorld } from '../support/delivery-world'

const PASSWORD = 'password231'
const APPLICATION_ID = '7d3c8e2a-51f4-4b6e-9a0d-2c7f1e8b4a90'

let fixture: SiteFixture
let folder: string
let log: AppLog
let world: DeliveryWorld
let people: Person[]

/** Everything the log folder holds, every rotated file included. */
async function logText(): Promise<string> {
  const texts = await Promise.all(log.files().map((file) => readFile(file, 'utf8')))
  return texts.join('\n')
}

beforeAll(async () => {
  fixture = await startSite(60)
  folder = await mkdtemp(join(tmpdir(), 'log-capture-'))
  // Small files, so rotation happens during the run and every archive is read too.
  log = createAppLog({ directory: folder, level: 'debug', maxFileBytes: 1_500, keepFiles: 50 })
  world = await createDeliveryWorld(fixture, { logger: log.api, batchSize: 5 })
})

afterAll(async () => {
  await world.close()
  await fixture.close()
  if (!process.env.KEEP_LOGS) await rm(folder, { recursive: true, force: true })
})

describe('the log after a full delivery with faults', () => {
  it('holds what happened, and no password, Authorization, ApplicationId, comment or name', async () => {
    const console = {
      error: () => {},
      warn: () => {},
      info: () => {},
      log: () => {},
      debug: () => {}
    }
    const undoConsole = routeConsoleToLog(console, log)
    try {
      // The reference download a sign-in makes: the people directory, with names in it.
      people = []
      for (let pageIndex = 0; ; pageIndex++) {
        const answer = await world.api.people(world.credentials, '', { pageIndex, pageSize: 25 })
        people.push(...answer.items)
        if (answer.last) break
      }
      const [open] = await world.openConnections()
      if (!open) throw new Error('the practice site has no open connection')
      const someone = people[3]
      if (!someone) throw new Error('the practice site has too few people')

      await fixture.setFaults({
        rules: [
          { kind: 'drop-before', rate: 0.15 },
          { kind: 'drop-after', rate: 0.15 },
          { kind: 'status', status: 500, rate: 0.15 },
          { kind: 'retry-after', status: 503, retryAfter: 1, rate: 0.15 },
          { kind: 'malformed', body: 'html', rate: 0.1, times: 2 }
        ],
        seed: 3
      })
      const about = `${someone.firstName} ${someone.lastName}`
      await world.capture(
        ...Array.from({ length: 8 }, (_, i) => newConnectionBody(comment(`called ${about} ${i}`))),
        ...[1, 2, 3].map((i) =>
          keepOpenBody(open.id, comment(`left a message for ${about} ${i}`), {
            connectionTypeId: open.typeId,
            contactIndvId: open.contact?.id ?? someone.id,
            familyConnection: open.familyConnection
          })
        )
      )
      await world.runUntilQuiet()
      expect(world.store.all().every((item) => item.state === 'sent')).toBe(true)

      // A careless line, the way a hurried fix might log a request: the net must hold.
      const basic = Buffer.from(`${world.credentials.username}:${PASSWORD}`).toString('base64')
      const [item] = world.store.all()
      log.debug('request was', {
        url: `${world.credentials.baseUrl}/12345/individuals?q=${someone.lastName}&pageSize=5`,
        headers: { authorization: `Basic ${basic}`, ApplicationId: APPLICATION_ID },
        body: JSON.stringify(item?.body)
      })
      log.error(new Error(`connect failed (authorization: Basic ${basic})`))
    } finally {
      undoConsole()
    }

    const text = await logText()
    // The run is in the log: requests, their statuses, the faults and the retries.
    expect(text).toMatch(
      /POST \/api_accessacs_mobile\/v2\/12345\/connections \[item item-\d+\] → 20\d/
    )
    expect(text).toMatch(/→ 50[03]|failed (before|after)-sending/)
    expect(text).toContain('delivery: wake')
    expect(log.files().length).toBeGreaterThan(1)

    const basic = Buffer.from(`${world.credentials.username}:${PASSWORD}`).toString('base64')
    expect(text).not.toContain(PASSWORD)
    expect(text).not.toContain(basic)
    expect(text).not.toMatch(/authorization:\s*basic\s+[a-z0-9+/=]{6,}/i)
    expect(text).not.toContain(APPLICATION_ID)
    expect(text).not.toContain(COMMENT_MARKER)
    const names = new Set(
      people.flatMap((person) => [person.firstName, person.lastName]).filter((n) => n.length >= 3)
    )
    for (const name of names) {
      expect(text, `a person's name (${name}) reached the log`).not.toMatch(
        new RegExp(`\\b${name}\\b`)
      )
    }
  })
})
