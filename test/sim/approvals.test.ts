import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as z from 'zod'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { parseCliArgs } from '../../src/sim/cli-args'
import { readChurchIds, type ChurchIds, type OpenConnection } from './support/church-ids'
import { SiteClient, acceptedId, errorJson, okJson } from './support/site-client'

let site: PracticeSite
let client: SiteClient
let ids: ChurchIds

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, people: 300, controlRoutes: true })
  client = new SiteClient(site)
  ids = await readChurchIds(client)
})
afterAll(() => site.close())
beforeEach(() => client.reset())

const details = z.object({
  ConnectionId: z.int(),
  ConnectionTypeId: z.int(),
  Completed: z.boolean(),
  Comment: z.string().nullable(),
  DateCreated: z.string().nullable(),
  TeamMembers: z.array(z.object({ IndvId: z.int() })),
  Responses: z.array(z.object({ RespID: z.int() }))
})
const page = z.object({ Page: z.array(details.partial().extend({ ConnectionId: z.int() })) })
const decision = z.object({
  ConnectionCRId: z.int(),
  Status: z.enum(['approved', 'rejected']),
  ConnectionId: z.int().nullable()
})
const approveAnswer = z.object({ Approved: z.array(decision), NotPending: z.array(z.int()) })
const rejectAnswer = z.object({ Rejected: z.array(decision), NotPending: z.array(z.int()) })

function open(index: number): OpenConnection {
  const connection = ids.open[index]
  if (!connection) throw new Error(`no open connection #${index}`)
  return connection
}

function result(connection: OpenConnection, overrides: Record<string, unknown> = {}) {
  return {
    ConnectionId: connection.ConnectionId,
    Complete: false,
    ConnectionDate: '11/02/2025',
    ConnectionTypeId: connection.ConnectionTypeId,
    FamilyConnection: connection.FamilyConnection,
    ContactIndvId: connection.ContactIndvId,
    OpenCategoryId: 1,
    Reassign: false,
    NewCallerIndvId: -1,
    NewTeamId: -1,
    Comment: '',
    ResponseIdList: [-1],
    ...overrides
  }
}

async function connection(connectionId: number, s: SiteClient = client) {
  return details.parse(await s.getJson(`/connections/${connectionId}?includeSelf=true`))
}

async function assignmentIds(typeId: number): Promise<number[]> {
  const answer = page.parse(await client.getJson(`/connections/assignments/${typeId}?pageSize=500`))
  return answer.Page.map((item) => item.ConnectionId)
}

async function personConnections(indvId: number) {
  return page.parse(await client.getJson(`/individuals/${indvId}/connections?pageSize=500`)).Page
}

async function approve(body?: unknown) {
  return approveAnswer.parse(await okJson(await client.control('POST', '/approve', body)))
}

describe('POST /connections only records: nothing changes until an administrator approves', () => {
  it('a completion leaves the connection open until approved, then closes it', async () => {
    const target = open(0)
    const crId = await acceptedId(await client.post(result(target, { Complete: true })))
    expect((await connection(target.ConnectionId)).Completed).toBe(false)
    expect(await assignmentIds(target.ConnectionTypeId)).toContain(target.ConnectionId)

    const answer = await approve({ ConnectionCRIds: [crId] })
    expect(answer.Approved).toEqual([
      expect.objectContaining({ ConnectionCRId: crId, ConnectionId: target.ConnectionId })
    ])
    expect((await connection(target.ConnectionId)).Completed).toBe(true)
    expect(await assignmentIds(target.ConnectionTypeId)).not.toContain(target.ConnectionId)
  })

  it('an attempt adds its comment and responses', async () => {
    const target = open(1)
    const responseIds = ids.types
      .find((type) => type.typeId === target.ConnectionTypeId)
      ?.responseIds.slice(0, 2) as number[]
    await acceptedId(
      await client.post(
        result(target, { Comment: 'Left a voicemail', ResponseIdList: responseIds })
      )
    )
    expect((await connection(target.ConnectionId)).Comment).not.toBe('Left a voicemail')
    await approve()
    const after = await connection(target.ConnectionId)
    expect(after.Comment).toBe('Left a voicemail')
    expect(after.Completed).toBe(false)
    expect(after.Responses.map((r) => r.RespID)).toEqual(expect.arrayContaining(responseIds))
  })

  it('a reassignment moves the connection to the new caller', async () => {
    const target = open(2)
    const caller = ids.people.find(
      (indvId) =>
        indvId !== target.ContactIndvId && !ids.open.some((other) => other.ContactIndvId === indvId)
    ) as number
    await acceptedId(await client.post(result(target, { Reassign: true, NewCallerIndvId: caller })))
    expect((await personConnections(caller)).map((c) => c.ConnectionId)).not.toContain(
      target.ConnectionId
    )
    await approve()
    expect((await connection(target.ConnectionId)).TeamMembers.map((m) => m.IndvId)).toEqual([
      caller
    ])
    expect((await personConnections(caller)).map((c) => c.ConnectionId)).toContain(
      target.ConnectionId
    )
  })

  it('a new connection appears in the person’s connections', async () => {
    const contact = ids.people[5] as number
    const before = (await personConnections(contact)).map((c) => c.ConnectionId)
    await acceptedId(
      await client.post(
        result(
          {
            ConnectionId: -1,
            ConnectionTypeId: 2,
            ContactIndvId: contact,
            FamilyConnection: false
          },
          { NewTeamId: ids.teams[0], Comment: 'Met at the picnic' }
        )
      )
    )
    expect((await personConnections(contact)).map((c) => c.ConnectionId)).toEqual(before)
    const [approved] = (await approve()).Approved
    const added = approved?.ConnectionId as number
    expect(before).not.toContain(added)
    expect((await personConnections(contact)).map((c) => c.ConnectionId)).toContain(added)
    const created = await connection(added)
    expect(created).toMatchObject({ ConnectionTypeId: 2, Comment: 'Met at the picnic' })
  })
})

describe('POST /_sim/approve and /_sim/reject', () => {
  it('approves only the listed ids; a rejected one is never applied', async () => {
    const first = await acceptedId(await client.post(result(open(0), { Complete: true })))
    const second = await acceptedId(await client.post(result(open(1), { Complete: true })))
    const rejected = rejectAnswer.parse(
      await okJson(await client.control('POST', '/reject', { ConnectionCRIds: [second] }))
    )
    expect(rejected.Rejected.map((d) => [d.ConnectionCRId, d.Status])).toEqual([
      [second, 'rejected']
    ])
    const approved = await approve()
    expect(approved.Approved.map((d) => d.ConnectionCRId)).toEqual([first])
    expect((await connection(open(1).ConnectionId)).Completed).toBe(false)
    expect((await approve({ ConnectionCRIds: [second, 99_999] })).NotPending).toEqual([
      second,
      99_999
    ])
    expect((await connection(open(1).ConnectionId)).Completed).toBe(false)
  })

  it('refuses a body that is not a list of ids, and any method but POST', async () => {
    const bad = await errorJson(
      await client.control('POST', '/approve', { ConnectionCRIds: ['x'] }),
      400
    )
    expect(JSON.stringify(bad)).toContain('ConnectionCRIds')
    expect((await client.control('GET', '/reject')).status).toBe(405)
  })

  it('reset puts the approved connections back as they were seeded', async () => {
    await acceptedId(await client.post(result(open(0), { Complete: true })))
    await approve()
    expect((await connection(open(0).ConnectionId)).Completed).toBe(true)
    await client.reset()
    expect((await connection(open(0).ConnectionId)).Completed).toBe(false)
  })

  it('do not exist without the control routes', async () => {
    const plain = await startPracticeSite({ port: 0, people: 30 })
    try {
      expect((await fetch(`${plain.url}/_sim/approve`, { method: 'POST' })).status).toBe(404)
    } finally {
      await plain.close()
    }
  })
})

describe('--approve-after SECONDS and the state file', () => {
  it('approves by itself once a change request has waited', async () => {
    const auto = await startPracticeSite({ port: 0, people: 300, approveAfterSeconds: 0 })
    const autoClient = new SiteClient(auto)
    try {
      const target = open(0)
      await acceptedId(await autoClient.post(result(target, { Complete: true })))
      await expect
        .poll(async () => (await connection(target.ConnectionId, autoClient)).Completed, {
          timeout: 5_000
        })
        .toBe(true)
    } finally {
      await auto.close()
    }
  })

  it('keeps approvals across a restart', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'approvals-'))
    const statePath = join(folder, 'state.json')
    try {
      const first = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
      const firstClient = new SiteClient(first)
      const target = open(0)
      const other = open(1)
      await acceptedId(await firstClient.post(result(target, { Complete: true })))
      const pending = await acceptedId(await firstClient.post(result(other, { Complete: true })))
      await okJson(
        await firstClient.control('POST', '/approve', { ConnectionCRIds: [pending - 1] })
      )
      await first.close()

      const second = await startPracticeSite({ port: 0, statePath, controlRoutes: true })
      const secondClient = new SiteClient(second)
      try {
        expect((await connection(target.ConnectionId, secondClient)).Completed).toBe(true)
        expect((await connection(other.ConnectionId, secondClient)).Completed).toBe(false)
        await okJson(await secondClient.control('POST', '/approve'))
        expect((await connection(other.ConnectionId, secondClient)).Completed).toBe(true)
      } finally {
        await second.close()
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('reads --approve-after from the command line', () => {
    expect(parseCliArgs(['--approve-after', '30'])).toEqual({
      kind: 'serve',
      options: { approveAfterSeconds: 30 }
    })
    expect(parseCliArgs(['--approve-after', 'soon']).kind).toBe('invalid')
  })
})
