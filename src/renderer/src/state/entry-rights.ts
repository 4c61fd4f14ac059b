import type { Account, Connection, ConnectionType, RightLevel } from '$shared/lookups'

/** What a form offers for one connection (or a new one), decided before anything is sent. */
export interface EntryRights {
  /** Why the form opens read-only (no Save), or null when the clerk may save a result. */
  readOnlyReason: string | null
  /** Reassign is offered. */
  mayReassign: boolean
  /** full: the comment can be typed; view: earlier comments show, no new one; none: neither. */
  comments: RightLevel
}

/** Nothing known about the user (an offline first sign-in): the site decides, on sending. */
const UNKNOWN: EntryRights = { readOnlyReason: null, mayReassign: true, comments: 'full' }

/**
 * Why this user may not post change requests at all, so the whole app is read-only; null
 * when they may, or when the account is not known. The seed's rule: an administrator, or
 * the right to create change requests, to locate people, and to add and view comments.
 */
export function appReadOnlyReason(account: Account | null): string | null {
  if (!account || isAdministrator(account)) return null
  const rights = account.rights
  if (rights.mayPostChangeRequests) return null
  const missing = [
    rights.mayCreateChangeRequests ? null : 'create change requests',
    rights.maySearchPeople ? null : 'locate people',
    rights.comments === 'full' ? null : 'add comments'
  ].filter((right): right is string => right !== null)
  const lacks = missing.length > 0 ? listOf(missing) : 'post change requests'
  return (
    `Your Access ACS user ${account.userName} may not ${lacks} at this site, so Connections Desk ` +
    'only shows connections and people here: results cannot be entered. Ask your administrator ' +
    'for the right, then refresh the data.'
  )
}

/**
 * What the form offers for a connection of `type` (the type list says whether this user
 * may change it) and, when known, the connection's own details (which may say otherwise).
 * A new connection is asked about with its chosen type and no connection.
 */
export function entryRights(
  account: Account | null,
  type: ConnectionType | undefined,
  connection: Pick<Connection, 'mayChange' | 'typeName'> | null = null
): EntryRights {
  if (!account) return UNKNOWN
  const administrator = isAdministrator(account)
  const rights = {
    mayReassign: administrator || account.rights.mayReassign,
    comments: administrator ? 'full' : account.rights.comments
  } satisfies Omit<EntryRights, 'readOnlyReason'>
  const whole = appReadOnlyReason(account)
  if (whole) return { ...rights, readOnlyReason: whole }
  if (!administrator && type && !type.mayChange) {
    return { ...rights, readOnlyReason: viewOnlyType(type.name || connection?.typeName || '') }
  }
  if (!administrator && connection?.mayChange === false) {
    return {
      ...rights,
      readOnlyReason:
        'Access ACS lets your user only view this connection, so no result can be entered. ' +
        'Ask your administrator for full rights to it.'
    }
  }
  return { ...rights, readOnlyReason: null }
}

function viewOnlyType(name: string): string {
  const which = name.trim() === '' ? 'this type' : `“${name.trim()}”`
  return (
    `You may only view connections of ${which}: your Access ACS rights to the type are view ` +
    'only, so no result can be entered. Ask your administrator for full rights to it.'
  )
}

function isAdministrator(account: Account): boolean {
  return account.role === 'administrator'
}

function listOf(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('')
  return `${parts.slice(0, -1).join(', ')} or ${parts.at(-1)}`
}

/**
 * The account whose rights apply: the one the sign-in answered with, else the site's saved
 * copy when it is the same user's (a saved copy of someone else's rights says nothing).
 */
export function accountInUse(
  signedInAccount: Account | null,
  savedAccount: Account | null,
  userName: string | null
): Account | null {
  if (signedInAccount) return signedInAccount
  if (!savedAccount || userName === null) return null
  return savedAccount.userName.toLowerCase() === userName.toLowerCase() ? savedAccount : null
}
