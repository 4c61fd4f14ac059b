import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  PRACTICE_SITE_NUMBER,
  PRACTICE_USERS,
  SECOND_PRACTICE_SITE_NUMBER,
  type RecordedChangeRequest
} from '../../src/sim'
import { HarnessError } from '../harness/harness-error'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import { ConnectionsPage } from '../harness/page-objects/connections-page'
import {
  commentOf,
  DELIVERY_TIMEOUT_MS,
  signInThroughForm,
  waitForRecorded
} from '../harness/page-objects/desk-session'
import { OutboxPage } from '../harness/page-objects/outbox-page'
import { PeoplePage } from '../harness/page-objects/people-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { SignInPage } from '../harness/page-objects/sign-in-page'
import { StatusBar } from '../harness/page-objects/status-bar'

/** Enough people for a few dozen connections, some assigned to teams of volunteers. */
const PEOPLE = 200

let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: PEOPLE })
})

afterAll(async () => {
  await desk?.close()
})

describe('signing in by e-mail', () => {
  it('lists the sites the e-mail may use, and signs in to the one chosen by keyboard', async () => {
    const signIn = new SignInPage(desk.page)
    const header = new AppHeader(desk.page)
    await signIn.waitForDeskReady()
    await signIn.waitForShown()
    const jadams = practiceUser('jadams')

    await signIn.submitEmail({
      baseUrl: desk.sim.appBaseUrl,
      email: jadams.email,
      password: jadams.password
    })
    const choices = await signIn.siteChoices()
    expect(choices).toHaveLength(2)
    expect(choices.join(' | ')).toContain(`site ${PRACTICE_SITE_NUMBER}`)
    expect(choices.join(' | ')).toContain(`site ${SECOND_PRACTICE_SITE_NUMBER}`)
    await signIn.chooseSite(PRACTICE_SITE_NUMBER)

    const connections = new ConnectionsPage(desk.page)
    await connections.waitForRows()
    await connections.waitForDataSettled()
    // Typed to the practice site's address, it is still a practice sign-in.
    expect(await header.practiceBadge.isVisible()).toBe(true)
    expect(await header.banner.innerText()).toMatch(/jadams/)
    expectCleanPage()
  })
})

describe('a type the user may only view', () => {
  it('opens read-only with the reason, and offers no Save', async () => {
    const connections = await signInThroughForm(desk, 'clerk')
    const before = (await desk.sim.changeRequests()).length

    // The clerk has full rights to connection types 1 and 2 only: prayer requests are "VIEW".
    await connections.filterByType('Prayer request')
    await connections.waitForRows()
    await connections.openByKeyboard(0)
    const form = new ResultFormPage(desk.page)
    await form.readOnlyReason.waitFor()
    expect(await form.readOnlyReason.innerText()).toMatch(
      /You may only view connections of “Prayer request”.*Ask your administrator/
    )
    expect(await form.saveButton.count()).toBe(0)
    expect(await form.comment.count()).toBe(0)

    // Ctrl+Enter saves nothing; Esc closes.
    await desk.page.keyboard.press('Control+Enter')
    await desk.page.keyboard.press('Escape')
    await form.form.waitFor({ state: 'detached' })
    await connections.heading.waitFor()
    await new AppHeader(desk.page).goTo('Outbox')
    await new OutboxPage(desk.page).waitForCount(0)
    expect(await desk.sim.changeRequests()).toHaveLength(before)
    expectCleanPage()
  })
})

describe('a volunteer’s connection', () => {
  it('is found through the person, takes a result offline, and the result arrives when back online', async () => {
    await signInThroughForm(desk, 'clerk')
    const header = new AppHeader(desk.page)
    const statusBar = new StatusBar(desk.page)
    const before = (await desk.sim.changeRequests()).length
    const { connectionId, volunteer } = await volunteersConnection()

    // Online: the person's connections are fetched (and kept on this computer).
    await header.goTo('Find a person')
    const people = new PeoplePage(desk.page)
    await people.find(volunteer, volunteer)
    await people.connections(volunteer).waitFor()
    expect(await people.connectionIds(volunteer)).toContain(connectionId)

    // Offline: finding the person again shows the connections as fetched.
    await desk.setOnline(false)
    await statusBar.waitFor('Offline')
    await people.find(volunteer, volunteer)
    await people.source.filter({ hasText: 'cannot be reached' }).waitFor()
    expect(await people.connectionIds(volunteer)).toContain(connectionId)

    const comment = `Volunteer ${volunteer} called; entered by the office`
    await people.openByKeyboard(volunteer, connectionId)
    const form = new ResultFormPage(desk.page)
    await form.waitForShown()
    await form.enterByKeyboard({ comment, outcome: 'Keep open' })
    await form.saveAndClose()
    await people
      .connections(volunteer)
      .getByRole('listitem')
      .filter({ has: desk.page.locator(`button[data-id="${connectionId}"]`) })
      .filter({ hasText: '1 unsent result' })
      .waitFor()
    await statusBar.waitFor('1 result waiting')
    expect(await desk.sim.changeRequests()).toHaveLength(before)

    await desk.setOnline(true)
    const recorded = (await waitForRecorded(desk, before + 1, DELIVERY_TIMEOUT_MS)).slice(before)
    expect(recorded).toHaveLength(1)
    expect(commentOf(recorded[0] as RecordedChangeRequest)).toBe(comment)
    expect(recorded[0]).toMatchObject({ User: 'clerk', Body: { ConnectionId: connectionId } })
    await statusBar.waitFor('Everything is sent', DELIVERY_TIMEOUT_MS)
    expectCleanPage()
  })
})

function practiceUser(username: string) {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === username)
  if (!user) throw new HarnessError(`The practice site has no user ${username}`)
  return user
}

interface WireAssignment {
  ConnectionId: number
  ConnectionTypeId: number
  Completed: boolean
  TeamMembers: Array<{ IndvId: number; FriendlyName: string }>
}

/** GET below `{base}/12345/` as a practice user, straight to the site. */
async function getAs(username: string, path: string): Promise<unknown> {
  const user = practiceUser(username)
  const response = await fetch(`${desk.sim.baseUrl}/${PRACTICE_SITE_NUMBER}/${path}`, {
    headers: {
      Accept: 'application/json',
      Authorization: `Basic ${Buffer.from(`${user.username}:${user.password}`).toString('base64')}`
    }
  })
  if (!response.ok) throw new HarnessError(`GET ${path} as ${username}: ${response.status}`)
  return response.json()
}

async function openAssignments(username: string, typeId: number): Promise<WireAssignment[]> {
  const page = (await getAs(username, `connections/assignments/${typeId}?pageSize=500`)) as {
    Page: WireAssignment[]
  }
  return page.Page
}

/**
 * An open connection of a type the clerk may change (1 or 2), assigned to a volunteer whose
 * name no one else in the directory has, that is not among the clerk's own assignments.
 */
async function volunteersConnection(): Promise<{ connectionId: number; volunteer: string }> {
  const directory = (await getAs('jadams', 'individuals?q=%25&pageSize=500')) as {
    Page: Array<{ FriendlyName: string }>
  }
  const nameCount = new Map<string, number>()
  for (const person of directory.Page) {
    nameCount.set(person.FriendlyName, (nameCount.get(person.FriendlyName) ?? 0) + 1)
  }
  for (const typeId of [1, 2]) {
    const clerks = new Set(
      (await openAssignments('clerk', typeId)).map((each) => each.ConnectionId)
    )
    for (const connection of await openAssignments('jadams', typeId)) {
      if (clerks.has(connection.ConnectionId)) continue
      const volunteer = connection.TeamMembers.find(
        (member) => nameCount.get(member.FriendlyName) === 1
      )
      if (volunteer)
        return { connectionId: connection.ConnectionId, volunteer: volunteer.FriendlyName }
    }
  }
  throw new HarnessError('The practice site has no volunteer’s connection outside the clerk’s')
}

function expectCleanPage(): void {
  expect(desk.pageErrors).toEqual([])
  expect(desk.cspViolations).toEqual([])
}
