import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import {
  AnswerShapeError,
  readAccount,
  readAccounts,
  readAssignmentSummaryPage,
  readConnection,
  readConnectionPage,
  readConnectionTypes,
  readPeoplePage,
  readPerson,
  readResponses,
  readTeams
} from '$main/api/acs-adapter'
import type { Person } from '$shared/lookups'

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'))
}

const FIRST_PAGE = { pageIndex: 0, pageSize: 50 }

const bobStone: Person = {
  id: 76,
  familyId: 1010,
  firstName: 'Robert',
  lastName: 'Stone',
  goesByName: 'Bob',
  friendlyName: 'Bob Stone',
  email: 'bob.stone@example.org',
  phone: '(864) 555-0101',
  address: '12 Elm St',
  city: 'Greenville',
  state: 'SC',
  zipcode: '29601'
}

describe('people', () => {
  const page = readPeoplePage(fixture('individuals-search'), { pageIndex: 0, pageSize: 5 })

  it('reads both spellings (GoesByName/GoesbyName, FamId/PrimFamily) into the same fields', () => {
    expect(page.items[0]).toEqual(bobStone)
    expect(page.items[1]).toMatchObject({ id: 77, familyId: 1010, goesByName: 'Pat' })
  })

  it('reads null or missing optional fields as empty, and ignores fields it does not know', () => {
    expect(page.items[1]).toEqual({
      id: 77,
      familyId: 1010,
      firstName: 'Patricia',
      lastName: 'Stone',
      goesByName: 'Pat',
      friendlyName: '',
      email: '',
      phone: '',
      address: '',
      city: '',
      state: '',
      zipcode: ''
    })
    expect(Object.keys(page.items[0] ?? {})).not.toContain('MemberStatus')
  })

  it('skips and counts items without a readable id', () => {
    expect(page.items.map((person) => person.id)).toEqual([76, 77])
    expect(page.skipped).toBe(2)
  })

  it('reads a person’s details, preferring the preferred e-mail and the active address', () => {
    expect(readPerson(fixture('individual-detail'))).toEqual({
      id: 77,
      familyId: 1010,
      firstName: 'Patricia',
      lastName: 'Stone',
      goesByName: 'Pat',
      friendlyName: 'Pat Stone',
      email: 'pat.stone@example.net',
      phone: '(864) 555-0102',
      address: '12 Elm St',
      city: 'Greenville',
      state: 'SC',
      zipcode: '29601'
    })
  })

  it('refuses a single answer without an id as a whole', () => {
    expect(() => readPerson({ FirstName: 'Nobody' })).toThrow(AnswerShapeError)
  })
})

describe('paging', () => {
  it('stops at a page shorter than PageSize when PageCount is missing', () => {
    const short = readPeoplePage(fixture('individuals-search'), { pageIndex: 0, pageSize: 5 })
    expect(short).toMatchObject({ pageIndex: 0, pageCount: null, pageSize: 5, last: true })
    const full = readPeoplePage(
      { Page: [{ IndvId: 1 }, { IndvId: 2 }], PageSize: 2 },
      { pageIndex: 4, pageSize: 2 }
    )
    expect(full).toMatchObject({ pageIndex: 4, pageCount: null, last: false })
  })

  it('follows PageCount when it is given, whatever the length of the page', () => {
    const middle = readConnectionPage(fixture('assignments-of-type'), {
      pageIndex: 1,
      pageSize: 3
    })
    expect(middle).toMatchObject({ pageCount: 3, pageSize: 3, last: false })
    const lastByCount = readConnectionPage(fixture('assignments-of-type'), {
      pageIndex: 2,
      pageSize: 3
    })
    expect(lastByCount.last).toBe(true)
  })

  it('reads PageCount 0 as an empty list with no page after it', () => {
    expect(readConnectionPage(fixture('empty-page'), FIRST_PAGE)).toEqual({
      items: [],
      skipped: 0,
      pageIndex: 0,
      pageCount: 0,
      pageSize: 50,
      last: true
    })
  })

  it('takes the page size the service served, which may be smaller than asked', () => {
    const served = readPeoplePage(
      { Page: Array.from({ length: 500 }, (_, index) => ({ IndvId: index + 1 })), PageSize: 500 },
      { pageIndex: 0, pageSize: 500 }
    )
    expect(served).toMatchObject({ pageSize: 500, last: false })
    const capped = readPeoplePage(
      { Page: [{ IndvId: 1 }], PageSize: 1 },
      { pageIndex: 0, pageSize: 500 }
    )
    expect(capped).toMatchObject({ pageSize: 1, last: false })
  })

  it('never goes past page 10,000, and an empty page always ends the list', () => {
    const endless = { Page: [{ IndvId: 1 }], PageCount: 1_000_000, PageSize: 1 }
    expect(readPeoplePage(endless, { pageIndex: 9_998, pageSize: 1 }).last).toBe(false)
    expect(readPeoplePage(endless, { pageIndex: 9_999, pageSize: 1 }).last).toBe(true)
    expect(readPeoplePage({ Page: [], PageCount: 9, PageSize: 5 }, FIRST_PAGE).last).toBe(true)
  })

  it('refuses an answer that is not a page', () => {
    expect(() => readPeoplePage([{ IndvId: 1 }], FIRST_PAGE)).toThrow(AnswerShapeError)
    expect(() => readPeoplePage({ Items: [] }, FIRST_PAGE)).toThrow(AnswerShapeError)
    expect(() => readPeoplePage(null, FIRST_PAGE)).toThrow(AnswerShapeError)
  })
})

describe('accounts and rights', () => {
  it('reads the account and turns its rights into what the app may offer', () => {
    expect(readAccount(fixture('account'))).toEqual({
      siteNumber: 12345,
      siteName: 'Grace Community Church',
      email: 'clerk@grace.example',
      userName: 'clerk',
      fullName: 'Carla Lerk',
      role: 'staff',
      personId: 412,
      familyId: 1061,
      rights: {
        mayCreateChangeRequests: true,
        maySearchPeople: true,
        comments: 'full',
        mayPostChangeRequests: true,
        mayReassign: true,
        mayAssignContacts: false,
        assignedContactsOnly: false,
        mayViewOutreachHistory: true
      }
    })
  })

  it('gives an administrator every right, whatever the map says', () => {
    const sites = readAccounts(fixture('findbyemail'))
    expect(sites.items.map((site) => [site.siteNumber, site.userName])).toEqual([
      [12345, 'jadams'],
      [12346, 'jane.adams']
    ])
    for (const site of sites.items) {
      expect(site.role).toBe('administrator')
      expect(site.rights).toMatchObject({
        mayPostChangeRequests: true,
        mayReassign: true,
        comments: 'full',
        assignedContactsOnly: false
      })
    }
    expect(sites.items[1]).toMatchObject({ personId: null, familyId: null })
    expect(sites.skipped).toBe(1)
  })

  it('reads a user without comment rights, or without the right to create, as read-only', () => {
    const base = fixture('account') as { Rights: Record<string, string> }
    const noComments = readAccount({ ...base, Rights: { ...base.Rights, ViewAddComments: 'V' } })
    expect(noComments.rights).toMatchObject({ comments: 'view', mayPostChangeRequests: false })
    const noCreate = readAccount({ ...base, Rights: { ...base.Rights, CreateChangeRequest: 'N' } })
    expect(noCreate.rights).toMatchObject({
      mayCreateChangeRequests: false,
      mayPostChangeRequests: false
    })
  })

  it('lets the site decide when the guessed create right is absent, but not evidenced ones', () => {
    const base = fixture('account') as { Rights: Record<string, string> }
    const { CreateChangeRequest: _guessed, ReassignConnection: _evidenced, ...rest } = base.Rights
    const account = readAccount({ ...base, SecurityRole: 'Layleader', Rights: rest })
    expect(account.role).toBe('lay-leader')
    expect(account.rights).toMatchObject({
      mayCreateChangeRequests: true,
      mayPostChangeRequests: true,
      mayReassign: false
    })
    expect(readAccount({ ...base, SecurityRole: 'Pastor', Rights: null }).rights).toMatchObject({
      maySearchPeople: false,
      comments: 'none',
      mayPostChangeRequests: false
    })
    expect(readAccount({ ...base, SecurityRole: 'Pastor' }).role).toBe('other')
  })
})

describe('connection types, responses and teams', () => {
  it('reads each type’s permission as whether this user may change it', () => {
    const types = readConnectionTypes(fixture('types-connections'))
    expect(types.items).toEqual([
      { id: 1, name: 'First-time guest', category: 'I', colour: '', mayChange: true },
      { id: 2, name: 'Hospital visit', category: 'O', colour: '', mayChange: false },
      { id: 3, name: 'Prayer request', category: '', colour: '', mayChange: true },
      { id: 4, name: 'Membership class', category: '', colour: '', mayChange: false },
      { id: 5, name: 'Welcome call', category: 'I', colour: '', mayChange: true }
    ])
    expect(types.skipped).toBe(1)
  })

  it('reads responses and teams, skipping and counting those without an id', () => {
    expect(readResponses(fixture('types-responses'))).toEqual({
      items: [
        { id: 101, name: 'Spoke with them' },
        { id: 102, name: '' },
        { id: 104, name: 'Wants to join a small group' }
      ],
      skipped: 1
    })
    expect(readTeams(fixture('connections-teams'))).toEqual({
      items: [
        { id: 1, name: 'Care team', memberCount: 6 },
        { id: 2, name: 'Welcome team', memberCount: 0 }
      ],
      skipped: 1
    })
  })

  it('refuses a list answer that is not a list', () => {
    expect(() => readTeams({ Page: [] })).toThrow(AnswerShapeError)
  })
})

describe('assignments and connections', () => {
  it('reads the summary with dates as MM/DD/YYYY and colours as #rrggbb', () => {
    const summary = readAssignmentSummaryPage(fixture('assignments-summary'), FIRST_PAGE)
    expect(summary.items).toEqual([
      {
        typeId: 1,
        typeName: 'First-time guest',
        colour: '#2e7d32',
        earliestDueDate: '03/14/2025',
        total: 12
      },
      { typeId: 3, typeName: 'Prayer request', colour: '', earliestDueDate: '03/05/2025', total: 4 }
    ])
    expect(summary).toMatchObject({ skipped: 1, last: true })
  })

  it('reads an assignment with its contact and team members', () => {
    const page = readConnectionPage(fixture('assignments-of-type'), { pageIndex: 1, pageSize: 3 })
    expect(page.items[0]).toEqual({
      id: 17,
      typeId: 1,
      typeName: 'First-time guest',
      colour: '#2e7d32',
      contact: bobStone,
      familyConnection: false,
      familyId: null,
      dateCreated: '',
      dueDate: '03/14/2025',
      completed: false,
      comment: '',
      contactType: 'I',
      responses: [],
      teamMembers: [
        {
          id: 412,
          familyId: 1061,
          firstName: 'Carla',
          lastName: 'Lerk',
          goesByName: '',
          friendlyName: 'Carla Lerk',
          email: '',
          phone: '',
          address: '',
          city: '',
          state: '',
          zipcode: ''
        }
      ],
      mayChange: null
    })
  })

  it('keeps a connection whose contact has no id, and skips one without its own id', () => {
    const page = readConnectionPage(fixture('assignments-of-type'), { pageIndex: 1, pageSize: 3 })
    expect(page.items.map((connection) => [connection.id, connection.contact])).toEqual([
      [17, bobStone],
      [18, null]
    ])
    expect(page.items[1]?.dueDate).toBe('')
    expect(page.skipped).toBe(1)
  })

  it('reads a connection’s details: comment, responses, permission (any case), dates', () => {
    const details = readConnection(fixture('connection-details'))
    expect(details).toMatchObject({
      id: 17,
      familyConnection: true,
      familyId: 1010,
      dateCreated: '02/28/2025',
      dueDate: '03/14/2025',
      comment: 'Left a voicemail.',
      responses: [{ id: 101, name: 'Spoke with them' }],
      mayChange: true,
      contact: { id: 76, familyId: 1010, goesByName: 'Bob', friendlyName: '' }
    })
    expect(
      readConnection({ ...(fixture('connection-details') as object), PermissionLevel: 'VIEW' })
    ).toMatchObject({ mayChange: false })
  })

  it('reads a person’s connections, where many fields may be absent', () => {
    const page = readConnectionPage(fixture('individual-connections'), FIRST_PAGE)
    expect(page.items).toEqual([
      expect.objectContaining({
        id: 40,
        typeName: 'Hospital visit',
        contact: null,
        completed: true,
        comment: '',
        teamMembers: [],
        responses: [],
        mayChange: null
      })
    ])
    expect(page).toMatchObject({ skipped: 1, last: true })
  })

  it('reads dates it cannot make sense of as no date', () => {
    const connection = readConnection({
      ConnectionId: 1,
      ConnectionTypeId: 1,
      DueDate: '02/30/2025'
    })
    expect(connection.dueDate).toBe('')
    expect(readConnection({ ConnectionId: 1, ConnectionTypeId: 1, DueDate: 'soon' }).dueDate).toBe(
      ''
    )
  })
})
