/** The church's Access ACS site number on the practice site (the seed's example). */
export const PRACTICE_SITE_NUMBER = 12345

/** What a user may do, in the words of the seed's "Required Permissions". */
export interface PracticeUser {
  username: string
  password: string
  /** Who this user stands for, for the sign-in screen and the docs. */
  description: string
  systemAdministrator: boolean
  createChangeRequests: boolean
  locatePeople: boolean
  addViewComments: boolean
  /** Connection types this user has full rights to. */
  fullRightsTypeIds: 'all' | readonly number[]
}

export const PRACTICE_USERS: readonly PracticeUser[] = [
  {
    username: 'jadams',
    password: 'password231',
    description: 'System Administrator (the seed example user)',
    systemAdministrator: true,
    createChangeRequests: true,
    locatePeople: true,
    addViewComments: true,
    fullRightsTypeIds: 'all'
  },
  {
    username: 'clerk',
    password: 'clerk-pass-1',
    description: 'Office clerk: full rights to connection types 1 and 2 only',
    systemAdministrator: false,
    createChangeRequests: true,
    locatePeople: true,
    addViewComments: true,
    fullRightsTypeIds: [1, 2]
  },
  {
    username: 'readonly',
    password: 'readonly-pass-1',
    description: 'May look people up, but not create change requests',
    systemAdministrator: false,
    createChangeRequests: false,
    locatePeople: true,
    addViewComments: false,
    fullRightsTypeIds: []
  },
  {
    username: 'nocomment',
    password: 'nocomment-pass-1',
    description: 'Every right except adding and viewing comments',
    systemAdministrator: false,
    createChangeRequests: true,
    locatePeople: true,
    addViewComments: false,
    fullRightsTypeIds: 'all'
  }
]

export function practiceUser(username: string): PracticeUser | undefined {
  return PRACTICE_USERS.find((user) => user.username === username)
}

/**
 * Why this user may not post change requests at all, or undefined when they may. The
 * seed: a System Administrator, or someone with every one of these rights.
 */
export function missingChangeRequestRight(user: PracticeUser): string | undefined {
  if (user.systemAdministrator) return undefined
  if (!user.createChangeRequests) {
    return `User ${user.username} does not have the right to create change requests.`
  }
  if (!user.locatePeople) {
    return `User ${user.username} does not have the right to locate a person or search for a member.`
  }
  if (!user.addViewComments) {
    return `User ${user.username} does not have full rights to add and view comments.`
  }
  return undefined
}

export function missingTypeRight(
  user: PracticeUser,
  typeId: number,
  typeName: string
): string | undefined {
  if (user.systemAdministrator || user.fullRightsTypeIds === 'all') return undefined
  if (user.fullRightsTypeIds.includes(typeId)) return undefined
  return `User ${user.username} does not have full rights to connection type ${typeId} (${typeName}).`
}

export function missingLocateRight(user: PracticeUser): string | undefined {
  if (user.systemAdministrator || user.locatePeople) return undefined
  return `User ${user.username} does not have the right to locate a person or search for a member.`
}
