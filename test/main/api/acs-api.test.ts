import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createAcsApi } from '$main/api/acs-api'
import {
  CredentialsRejectedError,
  InvalidSettingError,
  NotFoundError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '$shared/errors'
import { startSite, type SiteFixture } from '../support/practice-site-fixture'

let fixture: SiteFixture
const api = createAcsApi({ totalTimeoutMs: 5_000 })

beforeAll(async () => {
  fixture = await startSite(120)
})

afterEach(async () => {
  await fixture.clearFaults()
})

afterAll(async () => {
  await api.close()
  await fixture.close()
})

describe('signing in against the practice site', () => {
  it('accepts a good pair and answers the account with its rights', async () => {
    const signedIn = await api.checkSignIn(fixture.credentials('clerk'))
    expect(signedIn).toMatchObject({
      check: 'accepted',
      account: {
        siteNumber: 12345,
        userName: 'clerk',
        email: 'clerk@practice.example',
        role: 'staff',
        rights: { mayPostChangeRequests: true, mayReassign: true, comments: 'full' }
      }
    })
    const readonly = await api.checkSignIn(fixture.credentials('readonly'))
    expect(readonly.account?.rights).toMatchObject({
      mayPostChangeRequests: false,
      mayReassign: false,
      comments: 'view',
      maySearchPeople: true
    })
  })

  it('throws CredentialsRejectedError for a wrong password, in one plain sentence', async () => {
    const refusal = api.checkSignIn(fixture.credentials('jadams', 'wrong-password'))
    await expect(refusal).rejects.toBeInstanceOf(CredentialsRejectedError)
    await expect(refusal).rejects.toThrow(
      'The site did not accept the user name or password for site 12345; check them and sign in again'
    )
  })

  it('says offline when the site cannot be reached, or is failing', async () => {
    const gone = await startSite(5)
    const credentials = gone.credentials()
    await gone.close()
    expect(await api.checkSignIn(credentials)).toEqual({ check: 'offline', account: null })
    await expect(api.teams(credentials)).rejects.toBeInstanceOf(SiteUnreachableError)
    await fixture.setFaults({ rules: [{ kind: 'status', status: 503, scope: 'lookups' }] })
    expect((await api.checkSignIn(fixture.credentials())).check).toBe('offline')
  })

  it('names the site number when the site does not know it', async () => {
    const credentials = { ...fixture.credentials(), siteNumber: 999 }
    await expect(api.checkSignIn(credentials)).rejects.toBeInstanceOf(InvalidSettingError)
  })

  it('refuses a plain-http address off this computer before sending anything', async () => {
    const credentials = { ...fixture.credentials(), baseUrl: 'http://acs.example.org/v2' }
    await expect(api.checkSignIn(credentials)).rejects.toBeInstanceOf(InvalidSettingError)
    await expect(
      api.findSites('http://acs.example.org/v2', 'clerk@practice.example', 'clerk-pass-1')
    ).rejects.toBeInstanceOf(InvalidSettingError)
  })
})

describe('finding one’s sites by e-mail', () => {
  it('lists both practice sites for jadams, with the user name for each', async () => {
    const sites = await api.findSites(
      fixture.site.baseUrl,
      'jadams@practice.example',
      'password231'
    )
    expect(sites.map((site) => [site.siteNumber, site.userName, site.role])).toEqual([
      [12345, 'jadams', 'administrator'],
      [12346, 'jadams', 'administrator']
    ])
  })

  it('says in plain words when the pair is wrong', async () => {
    const refusal = api.findSites(fixture.site.baseUrl, 'clerk@practice.example', 'nope')
    await expect(refusal).rejects.toBeInstanceOf(CredentialsRejectedError)
    await expect(refusal).rejects.toThrow(
      'Access ACS did not accept that e-mail and password together; check both and try again'
    )
  })
})

describe('lookups against the practice site', () => {
  it('reads the types with this user’s permission, responses and teams', async () => {
    const clerk = fixture.credentials('clerk')
    const types = await api.connectionTypes(clerk)
    expect(types.items.map((type) => [type.id, type.mayChange])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, false]
    ])
    expect((await api.responses(clerk, 1)).items.length).toBeGreaterThanOrEqual(3)
    const teams = await api.teams(clerk)
    expect(teams.items.find((team) => team.id === 1)).toMatchObject({ name: 'Care team' })
    expect(teams.skipped).toBe(0)
  })

  it('reads the assignments: a summary per type, then each type’s pages', async () => {
    const jadams = fixture.credentials()
    const summary = await api.assignmentSummary(jadams, { pageIndex: 0, pageSize: 50 })
    expect(summary).toMatchObject({ pageIndex: 0, pageCount: 1, last: true, skipped: 0 })
    const first = summary.items[0]
    if (!first) throw new Error('jadams has no assignments')
    const pageSize = Math.max(1, Math.ceil(first.total / 2))
    const one = await api.assignments(jadams, first.typeId, { pageIndex: 0, pageSize })
    const two = await api.assignments(jadams, first.typeId, { pageIndex: 1, pageSize })
    expect(one.last).toBe(first.total <= pageSize)
    expect(two.last).toBe(true)
    const all = [...one.items, ...two.items]
    expect(all).toHaveLength(first.total)
    expect(all.every((each) => each.typeId === first.typeId && each.contact !== null)).toBe(true)
  })

  it('reads a connection’s details, with whether this user may change it', async () => {
    const clerk = fixture.credentials('clerk')
    const [summary] = (await api.assignmentSummary(clerk, { pageIndex: 0, pageSize: 50 })).items
    const [assigned] = (
      await api.assignments(clerk, summary?.typeId ?? 1, { pageIndex: 0, pageSize: 50 })
    ).items
    const details = await api.connection(clerk, assigned?.id ?? 0)
    expect(details).toMatchObject({ id: assigned?.id, contact: assigned?.contact })
    expect(details.mayChange).toBe(details.typeId <= 2)
    await expect(api.connection(clerk, 999_999)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('pages through the directory with q=% and reads one person and their connections', async () => {
    const jadams = fixture.credentials()
    const first = await api.people(jadams, '%', { pageIndex: 0, pageSize: 50 })
    const second = await api.people(jadams, '%', { pageIndex: 2, pageSize: 50 })
    expect(first).toMatchObject({ pageCount: 3, pageSize: 50, last: false })
    expect(second).toMatchObject({ last: true })
    expect(second.items).toHaveLength(20)
    const someone = first.items[5]
    if (!someone) throw new Error('the directory is empty')
    expect(await api.person(jadams, someone.id)).toEqual(someone)
    const theirs = await api.personConnections(jadams, 76, { pageIndex: 0, pageSize: 50 })
    expect(theirs.last).toBe(true)
    await expect(api.person(jadams, 9_999_999)).rejects.toBeInstanceOf(NotFoundError)
  })

  it('lets a user who may only search people read the directory', async () => {
    const page = await api.people(fixture.credentials('readonly'), 'a', {
      pageIndex: 0,
      pageSize: 5
    })
    expect(page.pageSize).toBe(5)
  })

  it.each(['junk', 'truncated-json', 'huge', 'no-id'] as const)(
    'throws UnexpectedAnswerError for a %s answer',
    async (body) => {
      await fixture.setFaults({ rules: [{ kind: 'malformed', body, scope: 'lookups' }] })
      await expect(api.teams(fixture.credentials())).rejects.toBeInstanceOf(UnexpectedAnswerError)
      await expect(
        api.people(fixture.credentials(), '%', { pageIndex: 0, pageSize: 5 })
      ).rejects.toBeInstanceOf(UnexpectedAnswerError)
    }
  )

  it('throws CredentialsRejectedError when a revoked user looks something up', async () => {
    await fixture.setFaults({ revokedUsers: ['jadams'] })
    await expect(api.connectionTypes(fixture.credentials())).rejects.toBeInstanceOf(
      CredentialsRejectedError
    )
  })

  it('throws SiteUnreachableError while the site is failing', async () => {
    await fixture.setFaults({ rules: [{ kind: 'status', status: 500, scope: 'lookups' }] })
    await expect(api.teams(fixture.credentials())).rejects.toBeInstanceOf(SiteUnreachableError)
  })
})
