import { describe, expect, it } from 'vitest'
import { accountInUse, appReadOnlyReason, entryRights } from '$renderer/state/entry-rights'
import type { ConnectionType } from '$shared/lookups'
import { accountOf, READ_ONLY_RIGHTS } from '../../shared/support/accounts'

const prayer: ConnectionType = {
  id: 3,
  name: 'Prayer request',
  category: '',
  colour: '#6b2c91',
  mayChange: false
}
const guest: ConnectionType = { ...prayer, id: 1, name: 'First-time guest', mayChange: true }

/** The practice site's users (CONTRACT.md section 3), as the adapter reads their rights. */
const clerk = accountOf({ userName: 'clerk', role: 'staff', rights: { mayAssignContacts: false } })
const readonly = accountOf({
  userName: 'readonly',
  role: 'staff',
  rights: READ_ONLY_RIGHTS
})
const nocomment = accountOf({
  userName: 'nocomment',
  role: 'staff',
  rights: { comments: 'view', mayPostChangeRequests: false }
})

describe('entry rights', () => {
  it('lets an administrator do everything, whatever the type says', () => {
    expect(entryRights(accountOf(), prayer)).toEqual({
      readOnlyReason: null,
      mayReassign: true,
      comments: 'full'
    })
  })

  it('opens a view-only type read-only, naming the type and the next step', () => {
    expect(entryRights(clerk, guest).readOnlyReason).toBeNull()
    expect(entryRights(clerk, prayer).readOnlyReason).toBe(
      'You may only view connections of “Prayer request”: your Access ACS rights to the type are view only, so no result can be entered. Ask your administrator for full rights to it.'
    )
  })

  it('follows the connection’s own permission when its details say view only', () => {
    const rights = entryRights(clerk, guest, { mayChange: false, typeName: 'First-time guest' })
    expect(rights.readOnlyReason).toMatch(/^Access ACS lets your user only view this connection/)
    expect(entryRights(clerk, guest, { mayChange: null, typeName: '' }).readOnlyReason).toBeNull()
  })

  it('offers Reassign only with the reassign right, and the comment as the comments right says', () => {
    const noReassign = accountOf({ role: 'staff', rights: { mayReassign: false } })
    expect(entryRights(noReassign, guest).mayReassign).toBe(false)
    expect(entryRights(clerk, guest).mayReassign).toBe(true)
    const administrator = accountOf({ rights: { mayReassign: false, comments: 'none' } })
    expect(entryRights(administrator, guest)).toMatchObject({ mayReassign: true, comments: 'full' })
    expect(entryRights(readonly, guest).comments).toBe('view')
  })

  it('makes the whole app read-only for a user who may not post change requests, saying why', () => {
    expect(appReadOnlyReason(readonly)).toBe(
      'Your Access ACS user readonly may not create change requests or add comments at this site, so Connections Desk only shows connections and people here: results cannot be entered. Ask your administrator for the right, then refresh the data.'
    )
    expect(appReadOnlyReason(nocomment)).toMatch(
      /^Your Access ACS user nocomment may not add comments/
    )
    expect(entryRights(nocomment, guest).readOnlyReason).toBe(appReadOnlyReason(nocomment))
    expect(appReadOnlyReason(clerk)).toBeNull()
    expect(appReadOnlyReason(null)).toBeNull()
  })

  it('lets the site decide when the user’s rights are not known', () => {
    expect(entryRights(null, prayer)).toEqual({
      readOnlyReason: null,
      mayReassign: true,
      comments: 'full'
    })
  })

  it('uses a saved account only when it is the signed-in user’s', () => {
    const saved = accountOf({ userName: 'JAdams' })
    expect(accountInUse(clerk, saved, 'jadams')).toBe(clerk)
    expect(accountInUse(null, saved, 'jadams')).toBe(saved)
    expect(accountInUse(null, saved, 'clerk')).toBeNull()
    expect(accountInUse(null, saved, null)).toBeNull()
  })
})
