import {
  buildComplete,
  buildKeepOpen,
  buildNewConnection,
  buildReassign,
  connectionDateOf,
  type Assignee,
  type BuildResult
} from '$shared/change-request'
import type { Connection } from '$shared/lookups'
import type { OutboxItemSummary } from '$shared/outbox/outbox-item'
import { pick, type Random } from '$sim/prng'
import { HarnessError } from '../harness-error'
import type { CaptureEntry } from './driver-contract'
import type { SiteCatalog } from './site-catalog'

export interface CapturePlanOptions {
  /** Captures in all. */
  items: number
  /** Existing open connections they are spread over (each gets at least one). */
  connections: number
  /** Share of captures that add a new connection instead (0 to 1). */
  newShare: number
  random: Random
  /** Prefix of each capture's tag, so several plans in one site stay apart. */
  label: string
}

/**
 * Valid change requests, as the screens would build them with the shared builders, from
 * the site's real ids: results for the first `connections` open connections (complete,
 * keep open, reassign, in a random mix; a connection is never closed by a request, so
 * any number may follow each other) and some new connections.
 */
export function planCaptures(catalog: SiteCatalog, options: CapturePlanOptions): CaptureEntry[] {
  const connections = catalog.openConnections.slice(0, options.connections)
  if (connections.length < options.connections) {
    throw new HarnessError(
      `The practice site has ${catalog.openConnections.length} open connections; the plan needs ${options.connections}. Start it with more people (peopleForOpenConnections).`
    )
  }
  const typeNames = new Map(catalog.connectionTypes.map((type) => [type.id, type.name]))
  const names = new Map(
    catalog.people.map((person) => [person.id, `${person.firstName} ${person.lastName}`])
  )
  const date = connectionDateOf(new Date())
  const entries: CaptureEntry[] = []
  for (let index = 0; index < options.items; index++) {
    const tag = `${options.label}-${index}`
    const comment = `Harness capture ${tag}: called, left a message ✓`
    const connection =
      index < connections.length ? connections[index] : pickExisting(connections, options)
    const built = connection
      ? forExisting(connection, catalog, options.random, { date, comment })
      : forNew(catalog, options.random, { date, comment })
    if (!built.result.ok) {
      throw new HarnessError(`The plan built an invalid body for ${tag}: ${JSON.stringify(built)}`)
    }
    const typeId = built.result.body.ConnectionTypeId ?? connection?.typeId ?? 0
    const summary: OutboxItemSummary = {
      ...built.summary,
      contactName: names.get(built.contactIndvId) ?? `Individual ${built.contactIndvId}`,
      connectionTypeName: typeNames.get(typeId) ?? `Type ${typeId}`
    }
    entries.push({ tag, body: built.result.body, summary })
  }
  return entries
}

interface Built {
  result: BuildResult
  contactIndvId: number
  summary: Pick<OutboxItemSummary, 'operation' | 'assigneeName'>
}

function pickExisting(
  connections: readonly Connection[],
  options: CapturePlanOptions
): Connection | undefined {
  return options.random() < options.newShare ? undefined : pick(options.random, connections)
}

function forExisting(
  connection: Connection,
  catalog: SiteCatalog,
  random: Random,
  text: { date: string; comment: string }
): Built {
  const contactIndvId = connection.contact?.id
  if (contactIndvId === undefined) {
    throw new HarnessError(`Open connection ${connection.id} names no contact`)
  }
  const input = {
    connectionId: connection.id,
    connection: {
      connectionTypeId: connection.typeId,
      contactIndvId,
      familyConnection: connection.familyConnection
    },
    ...text,
    responseIds: someResponses(catalog, connection.typeId, random)
  }
  const roll = random()
  if (roll < 0.4) {
    return {
      result: buildKeepOpen(input),
      contactIndvId,
      summary: { operation: 'keep-open' }
    }
  }
  if (roll < 0.7) {
    return {
      result: buildComplete(input),
      contactIndvId,
      summary: { operation: 'complete' }
    }
  }
  const assignee = someAssignee(catalog, random)
  return {
    result: buildReassign({ ...input, assignee: assignee.assignee }),
    contactIndvId,
    summary: { operation: 'reassign', assigneeName: assignee.name }
  }
}

function forNew(
  catalog: SiteCatalog,
  random: Random,
  text: { date: string; comment: string }
): Built {
  const type = pick(random, catalog.connectionTypes)
  const contact = pick(random, catalog.people)
  const assignee = someAssignee(catalog, random)
  return {
    result: buildNewConnection({
      connectionTypeId: type.id,
      contactIndvId: contact.id,
      familyConnection: random() < 0.3,
      assignee: assignee.assignee,
      complete: random() < 0.5,
      ...text,
      responseIds: someResponses(catalog, type.id, random)
    }),
    contactIndvId: contact.id,
    summary: { operation: 'new', assigneeName: assignee.name }
  }
}

function someResponses(catalog: SiteCatalog, typeId: number, random: Random): number[] {
  const all = catalog.responsesByType.get(typeId) ?? []
  return all.filter(() => random() < 0.3)
}

function someAssignee(catalog: SiteCatalog, random: Random): { assignee: Assignee; name: string } {
  if (random() < 0.5) {
    const team = pick(random, catalog.teams)
    return { assignee: { kind: 'team', teamId: team.id }, name: `Team: ${team.name}` }
  }
  const person = pick(random, catalog.people)
  return {
    assignee: { kind: 'person', indvId: person.id },
    name: `Person: ${person.firstName} ${person.lastName}`
  }
}
