import * as z from 'zod'
import {
  connectionDetailsSchema,
  connectionResponseSchema,
  connectionTypeSchema,
  individualSchema,
  MAX_PAGE_SIZE,
  pagedSchema,
  teamSchema,
  type ConnectionDetails,
  type ConnectionType,
  type Individual,
  type Team
} from '../../../src/shared/legacy-lookups'
import { HarnessError } from '../harness-error'
import type { HarnessSite } from '../harness-site'

/** The practice site's real ids, read once before any fault is set: what bodies are built from. */
export interface SiteCatalog {
  connectionTypes: ConnectionType[]
  /** Response ids by connection type. */
  responsesByType: Map<number, number[]>
  teams: Team[]
  /** The first page of the directory: contacts for new connections and callers. */
  people: Individual[]
  openConnections: ConnectionDetails[]
}

export async function readSiteCatalog(site: HarnessSite): Promise<SiteCatalog> {
  const connectionTypes = parse(
    z.array(connectionTypeSchema),
    await site.getJson('connectiontypes'),
    'connectiontypes'
  )
  const responsesByType = new Map<number, number[]>()
  for (const type of connectionTypes) {
    const path = `connectiontypes/${type.ConnectionTypeId}/responses`
    const responses = parse(z.array(connectionResponseSchema), await site.getJson(path), path)
    responsesByType.set(
      type.ConnectionTypeId,
      responses.map((response) => response.ResponseId)
    )
  }
  const teams = parse(z.array(teamSchema), await site.getJson('connectionteams'), 'teams')
  const peoplePath = `individuals?q=&page=1&pageSize=${MAX_PAGE_SIZE}`
  const people = parse(pagedSchema(individualSchema), await site.getJson(peoplePath), peoplePath)
  const openConnections: ConnectionDetails[] = []
  for (let page = 1; ; page++) {
    const path = `connections?status=open&page=${page}&pageSize=${MAX_PAGE_SIZE}`
    const answer = parse(pagedSchema(connectionDetailsSchema), await site.getJson(path), path)
    openConnections.push(...answer.Items)
    if (answer.Items.length === 0 || openConnections.length >= answer.TotalCount) break
  }
  return { connectionTypes, responsesByType, teams, people: people.Items, openConnections }
}

/** People the practice site needs for `openConnections` open connections, with room to spare. */
export function peopleForOpenConnections(openConnections: number): number {
  // The site makes max(20, people / 8) connections, about 15% of them closed.
  return Math.max(200, Math.ceil((openConnections / 0.75) * 8))
}

function parse<T>(schema: z.ZodType<T>, value: unknown, path: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues
    .slice(0, 10)
    .map((issue) => `${issue.path.map(String).join('.') || '(the answer)'}: ${issue.message}`)
  throw new HarnessError(`The practice site's ${path} is not as expected: ${problems.join('; ')}`)
}
