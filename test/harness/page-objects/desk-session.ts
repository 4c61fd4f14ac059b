import { PRACTICE_SITE_NUMBER, PRACTICE_USERS, type RecordedChangeRequest } from '$sim/index'
import { HarnessError } from '../harness-error'
import type { Desk } from '../launch-desk'
import { AppHeader } from './app-header'
import { ConnectionsPage } from './connections-page'
import { SignInPage, type ChurchSignIn } from './sign-in-page'

/** How long delivery may take: retries back off for several seconds after a line returns. */
export const DELIVERY_TIMEOUT_MS = 60_000

/** The church sign-in form's values for a practice-site user, its own password by default. */
export function churchSignIn(desk: Desk, username: string, password?: string): ChurchSignIn {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === username)
  if (!user) throw new HarnessError(`The practice site has no user ${username}`)
  return {
    baseUrl: desk.sim.appBaseUrl,
    siteNumber: PRACTICE_SITE_NUMBER,
    username: user.username,
    password: password ?? user.password
  }
}

/**
 * Signs in through the church form as `username`, signing whoever is in out first, and
 * waits for the connections list with its data downloaded: each test starts from here.
 */
export async function signInThroughForm(
  desk: Desk,
  username: string,
  password?: string
): Promise<ConnectionsPage> {
  const signIn = new SignInPage(desk.page)
  const header = new AppHeader(desk.page)
  if (!(await signIn.heading.isVisible())) await header.signOut()
  await signIn.signIn(churchSignIn(desk, username, password))
  const connections = new ConnectionsPage(desk.page)
  await connections.waitForRows()
  await connections.waitForDataSettled()
  return connections
}

/** Waits until the practice site has recorded `count` change requests, and returns them. */
export async function waitForRecorded(
  desk: Desk,
  count: number,
  timeout = DELIVERY_TIMEOUT_MS
): Promise<RecordedChangeRequest[]> {
  const deadline = Date.now() + timeout
  for (;;) {
    const recorded = await desk.sim.changeRequests()
    if (recorded.length >= count) return recorded
    if (Date.now() > deadline) {
      throw new HarnessError(
        `The practice site recorded ${recorded.length} change requests, not ${count}, in ${timeout} ms`
      )
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}

/** The comment a recorded change request carried. */
export function commentOf(record: RecordedChangeRequest): unknown {
  const body = record.Body
  return typeof body === 'object' && body !== null && 'Comment' in body ? body.Comment : undefined
}
