import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FIELD_ERRORS_MAX_FIELDS } from '../../../src/main/api/acs-answers'
import { createAcsLookups } from '../../../src/main/api/acs-lookups'
import {
  CredentialsRejectedError,
  InvalidSettingError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '../../../src/shared/errors'
import { startSite, type SiteFixture } from './practice-site-fixture'

let fixture: SiteFixture
const lookups = createAcsLookups({ totalTimeoutMs: 5_000 })

beforeAll(async () => {
  fixture = await startSite(60)
})

afterEach(async () => {
  await fixture.clearFaults()
})

afterAll(async () => {
  await lookups.close()
  await fixture.close()
})

describe('ACS lookups against the practice site', () => {
  it('accepts good credentials', async () => {
    expect(await lookups.checkCredentials(fixture.credentials())).toBe('accepted')
    expect(await lookups.checkCredentials(fixture.credentials('clerk'))).toBe('accepted')
  })

  it('throws CredentialsRejectedError for a wrong password', async () => {
    await expect(
      lookups.checkCredentials(fixture.credentials('jadams', 'wrong-password'))
    ).rejects.toBeInstanceOf(CredentialsRejectedError)
  })

  it('says offline when the site cannot be reached', async () => {
    const gone = await startSite(5)
    const credentials = gone.credentials()
    await gone.close()
    expect(await lookups.checkCredentials(credentials)).toBe('offline')
    await expect(lookups.teams(credentials)).rejects.toBeInstanceOf(SiteUnreachableError)
  })

  it('says offline while the site is failing, so the sign-in is checked on the first send', async () => {
    await fixture.setFaults({ rules: [{ kind: 'status', status: 503, scope: 'lookups' }] })
    expect(await lookups.checkCredentials(fixture.credentials())).toBe('offline')
  })

  it('names the site number when the site does not know it', async () => {
    const credentials = { ...fixture.credentials(), siteNumber: 999 }
    await expect(lookups.checkCredentials(credentials)).rejects.toBeInstanceOf(InvalidSettingError)
  })

  it('refuses a plain-http address off this computer before sending anything', async () => {
    const credentials = { ...fixture.credentials(), baseUrl: 'http://acs.example.org/v2' }
    await expect(lookups.checkCredentials(credentials)).rejects.toBeInstanceOf(InvalidSettingError)
  })

  it('reads connection types, responses and teams', async () => {
    const credentials = fixture.credentials()
    const types = await lookups.connectionTypes(credentials)
    expect(types.map((type) => type.ConnectionTypeId)).toEqual(
      expect.arrayContaining([1, 2, 3, 4, 5])
    )
    const responses = await lookups.responses(credentials, 1)
    expect(responses.length).toBeGreaterThanOrEqual(3)
    const teams = await lookups.teams(credentials)
    expect(teams.some((team) => team.TeamId === 1)).toBe(true)
  })

  it('pages through the directory', async () => {
    const credentials = fixture.credentials()
    const first = await lookups.people(credentials, 1, 25)
    const second = await lookups.people(credentials, 2, 25)
    expect(first).toMatchObject({ Page: 1, PageSize: 25, TotalCount: 60 })
    expect(first.Items).toHaveLength(25)
    const ids = new Set([...first.Items, ...second.Items].map((person) => person.IndvId))
    expect(ids.size).toBe(50)
  })

  it('reads open and all connections', async () => {
    const credentials = fixture.credentials()
    const open = await lookups.connections(credentials, 'open', 1, 1000)
    const all = await lookups.connections(credentials, 'all', 1, 1000)
    expect(open.Items.length).toBeGreaterThan(0)
    expect(open.Items.every((connection) => connection.Status === 'Open')).toBe(true)
    expect(all.TotalCount).toBeGreaterThan(open.TotalCount)
  })

  it('names every failing path of an answer in the wrong shape', async () => {
    await fixture.setFaults({ rules: [{ kind: 'malformed', body: 'no-id', scope: 'lookups' }] })
    const error = await lookups.people(fixture.credentials(), 1, 10).catch((caught) => caught)
    expect(error).toBeInstanceOf(UnexpectedAnswerError)
    expect(Object.keys((error as UnexpectedAnswerError).fieldErrors ?? {}).sort()).toEqual([
      'Items',
      'Page',
      'PageSize',
      'TotalCount'
    ])
  })

  it('names a few failing paths of a page of a thousand broken rows, not thousands', async () => {
    // Something other than the practice site answers here: a proxy's idea of a page.
    const rows = Array.from({ length: 1000 }, (_, index) => ({ IndvId: `person ${index}` }))
    const page = JSON.stringify({ Items: rows, Page: 1, PageSize: 1000, TotalCount: 1000 })
    const server = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(page)
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const { port } = server.address() as AddressInfo
    try {
      const credentials = {
        ...fixture.credentials(),
        baseUrl: `http://127.0.0.1:${port}/api_accessacs_mobile/v2`
      }
      const error = await lookups.people(credentials, 1, 1000).catch((caught) => caught)
      expect(error).toBeInstanceOf(UnexpectedAnswerError)
      const fieldErrors = (error as UnexpectedAnswerError).fieldErrors ?? {}
      expect(Object.keys(fieldErrors)).toHaveLength(FIELD_ERRORS_MAX_FIELDS)
      expect(Object.keys(fieldErrors)[0]).toMatch(/^Items\.0\./)
      expect(JSON.stringify(fieldErrors).length).toBeLessThan(16_000)
      expect((error as Error).message).toMatch(/not in the expected form \(at Items\.0\..*, …\)$/)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })

  it.each(['junk', 'truncated-json', 'huge'] as const)(
    'throws UnexpectedAnswerError for a %s answer',
    async (body) => {
      await fixture.setFaults({ rules: [{ kind: 'malformed', body, scope: 'lookups' }] })
      await expect(lookups.teams(fixture.credentials())).rejects.toBeInstanceOf(
        UnexpectedAnswerError
      )
    }
  )

  it('throws CredentialsRejectedError when a revoked user looks something up', async () => {
    await fixture.setFaults({ revokedUsers: ['jadams'] })
    await expect(lookups.connectionTypes(fixture.credentials())).rejects.toBeInstanceOf(
      CredentialsRejectedError
    )
  })

  it('throws SiteUnreachableError while the site is failing', async () => {
    await fixture.setFaults({ rules: [{ kind: 'status', status: 500, scope: 'lookups' }] })
    await expect(lookups.teams(fixture.credentials())).rejects.toBeInstanceOf(SiteUnreachableError)
  })
})
