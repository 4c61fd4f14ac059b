import { describe, expect, it } from 'vitest'
import { ConnectionDetailsState } from '$renderer/state/connection-details-state.svelte'
import type { LookedUp } from '$renderer/state/looked-up'
import { PersonConnectionsState } from '$renderer/state/person-connections-state.svelte'
import { DeskError, NotFoundError } from '$shared/errors'
import type { Connection, Person } from '$shared/lookups'
import { openConnection, person } from '../../shared/support/lookup-builders'

function personOf(id: number, firstName: string, lastName: string): Person {
  return person(id, firstName, lastName, { email: '' })
}

function connectionOf(id: number, contact: Person, fields: Partial<Connection> = {}): Connection {
  return openConnection(id, {
    typeName: 'First-time guest',
    contact,
    familyId: contact.familyId,
    dateCreated: '03/01/2025',
    dueDate: '03/20/2025',
    ...fields
  })
}

const peggy = personOf(5, 'Margaret', 'Okafor')
const ann = personOf(1, 'Ann', 'Lee')

/** A lookup whose answers the test hands out one by one, to see what waits and what wins. */
function heldLookup() {
  const asked: Array<{ personId: number; name: string }> = []
  const pending: Array<{
    resolve: (found: LookedUp<Connection[]>) => void
    reject: (error: Error) => void
  }> = []
  const lookup = {
    personConnections: (personId: number, name: string) =>
      new Promise<LookedUp<Connection[]>>((resolve, reject) => {
        asked.push({ personId, name })
        pending.push({ resolve, reject })
      })
  }
  return { lookup, asked, pending }
}

describe('PersonConnectionsState', () => {
  it('shows a person’s connections as fetched, saying whether they are this computer’s copy', async () => {
    const { lookup, asked, pending } = heldLookup()
    const state = new PersonConnectionsState(lookup)
    expect(state.status).toBe('idle')

    const opening = state.open(peggy, 'Peggy Okafor')
    expect([state.status, state.person?.id, state.personName]).toEqual([
      'loading',
      5,
      'Peggy Okafor'
    ])
    pending[0]?.resolve({
      value: [connectionOf(201, peggy), connectionOf(202, peggy, { completed: true })],
      fetchedAt: 1000,
      fromCache: true
    })
    await opening
    expect(asked).toEqual([{ personId: 5, name: 'Peggy Okafor' }])
    expect(state.status).toBe('loaded')
    expect(state.connections.map((connection) => connection.id)).toEqual([201, 202])
    expect([state.fetchedAt, state.fromCache]).toEqual([1000, true])
    expect(state.connectionById(202)?.completed).toBe(true)
  })

  it('says plainly why it has nothing for a person never fetched while offline', async () => {
    const { lookup, pending } = heldLookup()
    const state = new PersonConnectionsState(lookup)
    const opening = state.open(peggy, 'Peggy Okafor')
    pending[0]?.reject(
      new DeskError(
        'Peggy Okafor’s connections were never fetched on this computer, and Access ACS cannot be reached now.'
      )
    )
    await opening
    expect(state.status).toBe('failed')
    expect(state.error?.message).toMatch(/^Peggy Okafor’s connections were never fetched/)
    expect(state.connections).toEqual([])
  })

  it('keeps the newest person when an older answer arrives late, and forgets on close', async () => {
    const { lookup, pending } = heldLookup()
    const state = new PersonConnectionsState(lookup)
    const first = state.open(peggy, 'Peggy Okafor')
    const second = state.open(ann, 'Ann Lee')
    pending[1]?.resolve({ value: [connectionOf(101, ann)], fetchedAt: 2000, fromCache: false })
    await second
    pending[0]?.resolve({ value: [connectionOf(201, peggy)], fetchedAt: 1000, fromCache: false })
    await first
    expect(state.person?.id).toBe(1)
    expect(state.connections.map((connection) => connection.id)).toEqual([101])

    state.close()
    expect([state.status, state.person, state.connections]).toEqual(['idle', null, []])
  })
})

describe('ConnectionDetailsState', () => {
  it('fills in the details when they arrive, or says why they could not be had', async () => {
    const details = connectionOf(101, ann, { comment: 'Asked about the youth group.' })
    const found = new ConnectionDetailsState(
      { details: async () => ({ value: details, fetchedAt: 5, fromCache: false }) },
      101
    )
    expect(found.status).toBe('loading')
    await found.load()
    expect([found.status, found.connection?.comment, found.fromCache]).toEqual([
      'loaded',
      'Asked about the youth group.',
      false
    ])

    const missing = new ConnectionDetailsState(
      {
        details: async () => {
          throw new NotFoundError('Connection 101 was not found at this site.')
        }
      },
      101
    )
    await missing.load()
    expect(missing.status).toBe('failed')
    expect(missing.error).toBeInstanceOf(NotFoundError)
    expect(missing.connection).toBeNull()
  })
})
