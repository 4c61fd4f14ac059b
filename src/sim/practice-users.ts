/** The church's Access ACS site number on the practice site (the seed's example). */
export const PRACTICE_SITE_NUMBER = 12345
/** A second practice site, for jadams only, so signing in by e-mail offers a choice. */
export const SECOND_PRACTICE_SITE_NUMBER = 12346

export const PRACTICE_SITES: ReadonlyArray<{ siteNumber: number; siteName: string }> = [
  { siteNumber: PRACTICE_SITE_NUMBER, siteName: 'Grace Community Church (practice)' },
  { siteNumber: SECOND_PRACTICE_SITE_NUMBER, siteName: 'Grace Chapel North (practice)' }
]

/** A right as `/account` grades it: full, view only, none. */
export type RightLevel = 'A' | 'V' | 'N'

/** The keys of CONTRACT.md section 2, and the guessed CreateChangeRequest of section 3. */
export const RIGHT_KEYS = [
  'ReassignConnection',
  'AssignContacts',
  'AssignedContactsOnly',
  'ViewOutreachHistory',
  'MemberSearch',
  'LocatePerson',
  'ViewAddComments',
  'CreateChangeRequest'
] as const
export type RightKey = (typeof RIGHT_KEYS)[number]

export interface PracticeUser {
  username: string
  password: string
  /** Also the e-mail's password for `PUT /accounts/findbyemail`. */
  email: string
  /** Who this user stands for, for the sign-in screen and the docs. */
  description: string
  securityRole: 'Administrator' | 'Staff' | 'Member'
  rights: Readonly<Record<RightKey, RightLevel>>
  /** Connection types this user has full rights to (`Permission` "ALL"); "VIEW" to the rest. */
  fullRightsTypeIds: 'all' | readonly number[]
  /** The sites this user may sign in to. */
  sites: readonly number[]
  /** Which person of each site's directory the user is, by position (0 is the first). */
  personIndex: number
}

function rights(
  base: RightLevel,
  except: Partial<Record<RightKey, RightLevel>> = {}
): Record<RightKey, RightLevel> {
  return Object.fromEntries(RIGHT_KEYS.map((key) => [key, except[key] ?? base])) as Record<
    RightKey,
    RightLevel
  >
}

export const PRACTICE_USERS: readonly PracticeUser[] = [
  {
    username: 'jadams',
    password: 'password231',
    email: 'jadams@practice.example',
    description: 'System Administrator (the seed example user); sees every open connection',
    securityRole: 'Administrator',
    rights: rights('A'),
    fullRightsTypeIds: 'all',
    sites: [PRACTICE_SITE_NUMBER, SECOND_PRACTICE_SITE_NUMBER],
    personIndex: 0
  },
  {
    username: 'clerk',
    password: 'clerk-pass-1',
    email: 'clerk@practice.example',
    description: 'Office clerk: full rights to connection types 1 and 2 only',
    securityRole: 'Staff',
    rights: rights('A', { AssignContacts: 'V' }),
    fullRightsTypeIds: [1, 2],
    sites: [PRACTICE_SITE_NUMBER],
    personIndex: 1
  },
  {
    username: 'readonly',
    password: 'readonly-pass-1',
    email: 'readonly@practice.example',
    description: 'May look people up, but not create change requests',
    securityRole: 'Member',
    rights: rights('N', {
      LocatePerson: 'A',
      MemberSearch: 'A',
      ViewAddComments: 'V'
    }),
    fullRightsTypeIds: [],
    sites: [PRACTICE_SITE_NUMBER],
    personIndex: 2
  },
  {
    username: 'nocomment',
    password: 'nocomment-pass-1',
    email: 'nocomment@practice.example',
    description: 'Every right except adding and viewing comments',
    securityRole: 'Staff',
    rights: rights('A', { ViewAddComments: 'V' }),
    fullRightsTypeIds: 'all',
    sites: [PRACTICE_SITE_NUMBER],
    personIndex: 3
  }
]

export function practiceUser(username: string): PracticeUser | undefined {
  return PRACTICE_USERS.find((user) => user.username === username)
}

/** The users an e-mail may sign in as, one per site (e-mails compare without case). */
export function practiceUsersByEmail(email: string): PracticeUser[] {
  const wanted = email.trim().toLowerCase()
  return PRACTICE_USERS.filter((user) => user.email === wanted)
}

export function isAdministrator(user: PracticeUser): boolean {
  return user.securityRole === 'Administrator'
}

function canLocate(user: PracticeUser): boolean {
  return user.rights.LocatePerson !== 'N' || user.rights.MemberSearch !== 'N'
}

/**
 * Why this user may not post change requests at all, or undefined when they may. The
 * seed: a System Administrator, or someone with every one of these rights.
 */
export function missingChangeRequestRight(user: PracticeUser): string | undefined {
  if (isAdministrator(user)) return undefined
  if (user.rights.CreateChangeRequest !== 'A') {
    return `User ${user.username} does not have the right to create change requests.`
  }
  if (!canLocate(user)) {
    return `User ${user.username} does not have the right to locate a person or search for a member.`
  }
  if (user.rights.ViewAddComments !== 'A') {
    return `User ${user.username} does not have full rights to add and view comments.`
  }
  return undefined
}

/** `Permission` of a connection type for this user: "ALL" (full rights) or "VIEW". */
export function typePermission(user: PracticeUser, typeId: number): 'ALL' | 'VIEW' {
  if (isAdministrator(user) || user.fullRightsTypeIds === 'all') return 'ALL'
  return user.fullRightsTypeIds.includes(typeId) ? 'ALL' : 'VIEW'
}

export function missingTypeRight(
  user: PracticeUser,
  typeId: number,
  typeName: string
): string | undefined {
  if (typePermission(user, typeId) === 'ALL') return undefined
  return `User ${user.username} does not have full rights to connection type ${typeId} (${typeName}).`
}

export function missingLocateRight(user: PracticeUser): string | undefined {
  if (isAdministrator(user) || canLocate(user)) return undefined
  return `User ${user.username} does not have the right to locate a person or search for a member.`
}
