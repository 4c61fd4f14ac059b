import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Person,
  Team
} from '../../src/shared/lookups'
import { PRACTICE_SITE_NUMBER } from '../../src/sim'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import { commentOf, waitForRecorded } from '../harness/page-objects/desk-session'
import { PageStorage } from '../harness/page-objects/page-storage'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'

/** The app "built" with this ApplicationId: every request must carry it. */
const APPLICATION_ID = '5d1c2b3a-0f4e-4d6c-8b9a-112233445566'
const PEOPLE = 1_200

let desk: Desk

/** The renderer's small lists, as src/renderer/src/db/desk-database.ts keeps them. */
interface Lists {
  account: Account
  connectionTypes: ConnectionType[]
  responses: Array<{ typeId: number; responses: ConnectionResponse[] }>
  teams: Team[]
  assignmentSummary: AssignmentSummary[]
}

interface PageRecord<T> {
  page: number
  items: T[]
}

interface SiteStores {
  lists: { values: Array<{ key: string; value: unknown }> }
  directoryPages: { values: Array<PageRecord<Person>> }
  assignmentPages: { values: Array<PageRecord<Connection>> }
}

/** The signed-in site's database, as the page saved it. */
async function savedSite(): Promise<SiteStores> {
  const dump = JSON.parse(await new PageStorage(desk.page).dumpIndexedDb()) as Record<
    string,
    SiteStores
  >
  const name = Object.keys(dump).find((each) =>
    each.startsWith(`connections-desk:${PRACTICE_SITE_NUMBER}-`)
  )
  if (!name) throw new Error(`No database of site ${PRACTICE_SITE_NUMBER} in ${Object.keys(dump)}`)
  return dump[name] as SiteStores
}

function listOf<K extends keyof Lists>(stores: SiteStores, key: K): Lists[K] {
  const record = stores.lists.values.find((each) => each.key === key)
  if (!record) throw new Error(`No ${key} saved`)
  return record.value as Lists[K]
}

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE, applicationId: APPLICATION_ID })
  const signIn = new SignInPage(desk.page)
  await signIn.waitForDeskReady()
  await signIn.waitForShown()
  await signIn.signIn({
    baseUrl: desk.sim.appBaseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: 'clerk',
    password: 'clerk-pass-1'
  })
  const connections = new ConnectionsPage(desk.page)
  await connections.waitForRows()
  await connections.waitForDataSettled()
})

afterAll(async () => {
  await desk?.close()
})

describe('the reference data, synced over HTTP from the practice site', () => {
  it('saves the clerk’s account with its rights, and the types with the clerk’s permission', async () => {
    const stores = await savedSite()
    expect(listOf(stores, 'account')).toMatchObject({
      siteNumber: PRACTICE_SITE_NUMBER,
      userName: 'clerk',
      email: 'clerk@practice.example',
      role: 'staff',
      rights: { mayPostChangeRequests: true, mayReassign: true, comments: 'full' }
    })
    expect(listOf(stores, 'connectionTypes').map((type) => [type.id, type.mayChange])).toEqual([
      [1, true],
      [2, true],
      [3, false],
      [4, false],
      [5, false]
    ])
    expect(listOf(stores, 'responses').map((entry) => entry.typeId)).toEqual([1, 2, 3, 4, 5])
    expect(listOf(stores, 'teams').map((team) => team.id)).toContain(1)
  })

  it('saves the directory from q=% in pages of 500, in order', async () => {
    const stores = await savedSite()
    const records = stores.directoryPages.values
    expect(records.map((record) => [record.page, record.items.length])).toEqual([
      [1, 500],
      [2, 500],
      [3, 200]
    ])
    const ids = records.flatMap((record) => record.items.map((person) => person.id))
    expect(ids).toEqual([...ids].sort((a, b) => a - b))
    expect(new Set(ids).size).toBe(PEOPLE)
  })

  it('lists only the clerk’s assignments, every type of the summary, as the screen shows them', async () => {
    const stores = await savedSite()
    const account = listOf(stores, 'account')
    const summary = listOf(stores, 'assignmentSummary')
    const assignments = stores.assignmentPages.values.flatMap((record) => record.items)
    expect(summary.map((entry) => entry.typeId)).toEqual(expect.arrayContaining([1, 2, 3]))
    expect(assignments).toHaveLength(summary.reduce((sum, entry) => sum + entry.total, 0))
    for (const assignment of assignments) {
      expect(assignment.teamMembers.map((member) => member.id)).toContain(account.personId)
    }
    const connections = new ConnectionsPage(desk.page)
    expect(await connections.countText()).toBe(`${assignments.length} open`)
  })

  it('sends the build’s ApplicationId with the change requests it delivers', async () => {
    const before = (await desk.sim.changeRequests()).length
    const connections = new ConnectionsPage(desk.page)
    // A type the clerk has full rights to: the site records it.
    await connections.filterByType('First-time guest')
    await connections.openByKeyboard(0)
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment: 'Synced and sent', outcome: 'Keep open' })
    await form.saveAndClose()
    const recorded = await waitForRecorded(desk, before + 1)
    expect(recorded.map(commentOf)).toContain('Synced and sent')
    expect(recorded.at(-1)).toMatchObject({ ApplicationId: APPLICATION_ID, User: 'clerk' })
    expect(desk.mainLog.join('\n')).not.toContain(APPLICATION_ID)
  })
})
