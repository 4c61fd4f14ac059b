import type { PracticeUser } from '../shared/bridge/channels'
import { DeskError } from '../shared/errors'
import { PRACTICE_USERS } from '../sim/practice-users'

/** The practice site's users as the sign-in screen offers them to a trainer: no passwords. */
export function practiceUsers(): PracticeUser[] {
  return PRACTICE_USERS.map((user) => ({
    userName: user.username,
    email: user.email,
    description: user.description
  }))
}

/**
 * The password of a practice user, so a trainer can sign in as any of them with one click.
 * They are made up and published in the practice site's guide; they never reach the page.
 */
export function practicePassword(userName: string): string {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === userName)
  if (!user) {
    const names = PRACTICE_USERS.map((candidate) => candidate.username).join(', ')
    throw new DeskError(`The practice site has no user ${userName}; its users are ${names}`)
  }
  return user.password
}
