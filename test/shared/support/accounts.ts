import type { Account, AccountRights } from '$shared/lookups'

/** Every right, as an administrator has them. */
export const ALL_RIGHTS: AccountRights = {
  mayCreateChangeRequests: true,
  maySearchPeople: true,
  comments: 'full',
  mayPostChangeRequests: true,
  mayReassign: true,
  mayAssignContacts: true,
  assignedContactsOnly: false,
  mayViewOutreachHistory: true
}

/** The rights of the practice site's "readonly" user: may look, may post nothing. */
export const READ_ONLY_RIGHTS: Partial<AccountRights> = {
  mayCreateChangeRequests: false,
  mayPostChangeRequests: false,
  mayReassign: false,
  comments: 'view'
}

/**
 * An account as the adapter reads it: an administrator at site 12345 unless told else. The
 * one account builder of the node and browser tests; a fake's own account is this one with
 * the fake's values.
 */
export function accountOf(
  overrides: Partial<Omit<Account, 'rights'>> & { rights?: Partial<AccountRights> } = {}
): Account {
  const { rights, ...rest } = overrides
  const userName = rest.userName ?? 'jadams'
  return {
    siteNumber: 12345,
    siteName: 'St. Mark’s Church',
    email: `${userName}@practice.example`,
    userName,
    fullName: 'Jamie Adams',
    role: 'administrator',
    personId: 14,
    familyId: 14,
    ...rest,
    rights: { ...ALL_RIGHTS, ...rights }
  }
}
