import { afterEach, describe, expect, it } from 'vitest'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { ReferenceSync } from '$renderer/data/reference-sync'
import { ConnectionsListState } from '$renderer/state/connections-list-state.svelte'
import { DetailsMemory } from '$renderer/state/details-memory.svelte'
import { OutboxState } from '$renderer/state/outbox-state.svelte'
import { ReferenceState } from '$renderer/state/reference-state.svelte'
import { FakeDesk } from '../support/fake-desk'
import { freshDatabase } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { churchPerson, dueIn, MARKUP_COMMENT, practiceChurch } from '../support/practice-church'
import { openConnection } from '../../shared/support/lookup-builders'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

/** Noon on 14 March 2025, the clerk's local time. */
const TODAY = new Date(2025, 2, 14, 12).getTime()

/**
 * Three of the practice church's open connections as of TODAY: Ann Lee's (a team's, overdue),
 * Peggy Okafor's (Carl Young's, due tomorrow), and one of Zoë Adams's that nobody is assigned
 * and has no due date, which the church itself lacks.
 */
function threeConnections() {
  const church = practiceChurch({ now: TODAY, only: [101, 102] })
  church.connections.push(openConnection(103, { contact: churchPerson(3) }))
  return church
}

async function setUp() {
  const { db, cleanup } = await freshDatabase()
  cleanups.push(cleanup)
  const desk = new FakeDesk(threeConnections())
  const now = () => TODAY
  const reference = new ReferenceState(db, new ReferenceSync(db, desk, { now }), { now })
  await reference.refresh()
  const outbox = new OutboxState({ repository: new OutboxRepository(db, { now }), desk, now })
  const details = new DetailsMemory()
  const list = new ConnectionsListState(reference, outbox, TODAY, details)
  return { reference, outbox, list, details, desk }
}

function ids(list: ConnectionsListState): number[] {
  return list.rows.map((row) => row.connection.id)
}

describe('ConnectionsListState', () => {
  it('names the open assignments’ contacts, types and team members, and flags overdue ones', async () => {
    const { list } = await setUp()
    expect(list.totalCount).toBe(3)
    expect(list.rows.map(({ connection: _c, ...row }) => row)).toEqual([
      {
        contactName: 'Ann Lee',
        typeName: 'First-time guest',
        colour: '#2e7d32',
        assigneeName: 'Esther Bailey, David Kim',
        dueDate: dueIn(-3, TODAY),
        overdue: true,
        lastComment: MARKUP_COMMENT,
        unsentCount: 0
      },
      {
        contactName: 'Peggy Okafor',
        typeName: 'Hospital visit',
        colour: '#1565c0',
        assigneeName: 'Carl Young',
        dueDate: dueIn(1, TODAY),
        overdue: false,
        lastComment: 'Surgery went well; family would welcome a visit on Thursday.',
        unsentCount: 0
      },
      {
        contactName: 'Zoë Adams',
        typeName: 'First-time guest',
        colour: '#2e7d32',
        assigneeName: 'Unassigned',
        dueDate: '',
        overdue: false,
        lastComment: '',
        unsentCount: 0
      }
    ])
  })

  it('shows a connection’s last comment (and its team when the list named none) once its details were fetched', async () => {
    const { list, details, desk } = await setUp()
    const carl = desk.data.people.find((person) => person.id === 4)!
    await details.load(async () => [
      { ...desk.data.connections[0]!, comment: 'Asked about the youth group.' }
    ])
    details.remember({
      ...desk.data.connections[2]!,
      comment: 'Left a message on Tuesday.',
      teamMembers: [carl]
    })
    const rows = new Map(list.rows.map((row) => [row.connection.id, row]))
    expect(rows.get(101)).toMatchObject({
      lastComment: 'Asked about the youth group.',
      assigneeName: 'Esther Bailey, David Kim'
    })
    expect(rows.get(103)).toMatchObject({
      lastComment: 'Left a message on Tuesday.',
      assigneeName: 'Carl Young'
    })
    // Without details fetched, the comment the list itself carried.
    expect(rows.get(102)?.lastComment).toBe(
      'Surgery went well; family would welcome a visit on Thursday.'
    )
  })

  it('filters by type, assigned person (alone or among team members) and overdue, and searches contact names', async () => {
    const { list } = await setUp()
    list.setTypeFilter(1)
    expect(ids(list)).toEqual([101, 103])
    list.setCallerFilter(9)
    expect(ids(list)).toEqual([101])
    expect(list.filtered).toBe(true)
    list.clearFilters()
    expect(list.filtered).toBe(false)

    // Esther Bailey is on the team of 101; Carl Young has 102 alone.
    list.setCallerFilter(9)
    expect(ids(list)).toEqual([101])
    list.setCallerFilter(4)
    expect(ids(list)).toEqual([102])
    list.clearFilters()
    list.setOverdueOnly(true)
    expect(ids(list)).toEqual([101])
    list.clearFilters()

    // By the given name the list does not show (Peggy is Margaret).
    list.setSearch('marg')
    expect(ids(list)).toEqual([102])
    list.setSearch('zoe ad')
    expect(ids(list)).toEqual([103])
    list.setSearch('nobody')
    expect(ids(list)).toEqual([])
  })

  it('sorts by due date (undated last either way), contact, type and assignee', async () => {
    const { list } = await setUp()
    expect(ids(list)).toEqual([101, 102, 103])
    list.sortBy('dueDate')
    expect(list.sort).toEqual({ key: 'dueDate', direction: 'descending' })
    expect(ids(list)).toEqual([102, 101, 103])
    list.sortBy('contact')
    expect(ids(list)).toEqual([101, 102, 103])
    list.sortBy('contact')
    expect(ids(list)).toEqual([103, 102, 101])
    list.sortBy('type')
    expect(ids(list)).toEqual([101, 103, 102])
    list.sortBy('assignee')
    expect(ids(list)).toEqual([102, 101, 103])
  })

  it('marks connections with unsent results as soon as one is captured', async () => {
    const { list, outbox } = await setUp()
    await outbox.capture(keepOpenBody(102), summaryOf('Peggy Okafor'), 'clerk')
    await outbox.capture(keepOpenBody(102, 'again'), summaryOf('Peggy Okafor'), 'clerk')
    expect(list.rows.map((row) => row.unsentCount)).toEqual([0, 2, 0])
  })

  it('counts a new unsent result without naming and sorting the list again', async () => {
    const { reference, outbox } = await setUp()
    let typeLookups = 0
    const counted = {
      get connections() {
        return reference.connections
      },
      personById: (indvId: number) => reference.personById(indvId),
      connectionById: (connectionId: number) => reference.connectionById(connectionId),
      typeById: (typeId: number) => {
        typeLookups++
        return reference.typeById(typeId)
      }
    }
    const list = new ConnectionsListState(counted, outbox, TODAY)
    expect(list.rows.map((row) => row.unsentCount)).toEqual([0, 0, 0])
    const joins = typeLookups

    await outbox.capture(keepOpenBody(102), summaryOf('Peggy Okafor'), 'clerk')
    expect(list.rows.map((row) => row.unsentCount)).toEqual([0, 1, 0])
    expect(typeLookups).toBe(joins)
  })

  it('moves "overdue" on with the day', async () => {
    const { list } = await setUp()
    list.setToday(new Date(2025, 2, 21, 9).getTime())
    expect(list.rows.map((row) => row.overdue)).toEqual([true, true, false])
  })
})
