import { afterEach, describe, expect, it } from 'vitest'
import { cleanUp, openTestSite, seedItem } from '../support/screen-helpers'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { dueIn } from '../support/practice-church'

afterEach(cleanUp)

describe('the list state’s rowFor', () => {
  it('is the list’s own row, even when the list is filtered to hide it', async () => {
    const { site } = await openTestSite()
    const listed = site.connections.rowFor(102, Date.now())
    expect(listed).toBe(site.connections.rows.find((row) => row.connection.id === 102))

    site.connections.setSearch('ann')
    const hidden = site.connections.rowFor(102, Date.now())
    expect(hidden).toMatchObject({
      contactName: 'Peggy Okafor',
      typeName: 'Hospital visit',
      assigneeName: 'Carl Young',
      dueDate: dueIn(1),
      overdue: false,
      unsentCount: 0
    })
    expect(site.connections.rowFor(102, Date.now() + 5 * 86_400_000)?.overdue).toBe(true)
  })

  it('falls back on what an unsent item recorded when its connection left the cache', async () => {
    const { site } = await openTestSite()
    await site.outbox.capture(keepOpenBody(999, 'Called'), summaryOf('Old Friend'), 'clerk')
    const item = await seedItem(site, { connectionId: 999, contactName: 'Old Friend' })
    expect(site.connections.rowFor(999, Date.now())).toBeNull()
    expect(site.connections.rowFor(999, Date.now(), item)).toMatchObject({
      connection: { id: 999, completed: false },
      contactName: 'Old Friend',
      typeName: 'First-time guest',
      assigneeName: 'Unassigned',
      unsentCount: 2
    })
  })
})
