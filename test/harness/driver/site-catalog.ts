import {
  AnswerShapeError,
  readAssignmentSummaryPage,
  readConnectionPage,
  readConnectionTypes,
  readPeoplePage,
  readResponses,
  readTeams
} from '$main/api/acs-adapter'
import {
  MAX_PAGE_SIZE,
  type Connection,
  type ConnectionType,
  type Person,
  type Team
} from '$shared/lookups'
import { HarnessError } from '../harness-error'
import type { HarnessSite } from '../harness-site'

/** The practice site's real ids, read once before any fault is set: what bodies are built from. */
export interface SiteCatalog {
  connectionTypes: ConnectionType[]
  /** Response ids by connection type. */
  responsesByType: Map<number, number[]>
  teams: Team[]
  /** The first page of the directory: contacts for new connections and callers. */
  people: Person[]
  /** Every open connection: jadams's assignments, type after type. */
  openConnections: Connection[]
}

/** Read through the app's own adapter, as jadams (an administrator sees every assignment). */
export async function readSiteCatalog(site: HarnessSite): Promise<SiteCatalog> {
  const connectionTypes = await read(site, 'types/connections', readConnectionTypes)
  const responsesByType = new Map<number, number[]>()
  for (const type of connectionTypes.items) {
    const responses = await read(site, `types/responses/${type.id}`, readResponses)
    responsesByType.set(
      type.id,
      responses.items.map((response) => response.id)
    )
  }
  const teams = await read(site, 'connections/teams', readTeams)
  const firstPage = { pageIndex: 0, pageSize: MAX_PAGE_SIZE }
  const people = await read(site, `individuals?q=%25&pageSize=${MAX_PAGE_SIZE}`, (answer) =>
    readPeoplePage(answer, firstPage)
  )
  const summary = await read(site, `connections/assignments?pageSize=${MAX_PAGE_SIZE}`, (answer) =>
    readAssignmentSummaryPage(answer, firstPage)
  )
  const openConnections: Connection[] = []
  for (const type of summary.items) {
    for (let pageIndex = 0; ; pageIndex++) {
      const path = `connections/assignments/${type.typeId}?pageIndex=${pageIndex}&pageSize=${MAX_PAGE_SIZE}`
      const page = await read(site, path, (answer) =>
        readConnectionPage(answer, { pageIndex, pageSize: MAX_PAGE_SIZE })
      )
      openConnections.push(...page.items)
      if (page.last) break
    }
  }
  return {
    connectionTypes: connectionTypes.items,
    responsesByType,
    teams: teams.items,
    people: people.items,
    openConnections: openConnections.sort((a, b) => a.id - b.id)
  }
}

/** People the practice site needs for `openConnections` open connections, with room to spare. */
export function peopleForOpenConnections(openConnections: number): number {
  // The site makes max(20, people / 8) connections, about 15% of them closed.
  return Math.max(200, Math.ceil((openConnections / 0.75) * 8))
}

async function read<T>(
  site: HarnessSite,
  path: string,
  reader: (answer: unknown) => T & { skipped?: number }
): Promise<T> {
  let value: T & { skipped?: number }
  try {
    value = reader(await site.getJson(path))
  } catch (error) {
    if (error instanceof AnswerShapeError) {
      throw new HarnessError(`The practice site's ${path} is not as expected: ${error.message}`)
    }
    throw error
  }
  if (value.skipped) {
    throw new HarnessError(`The practice site's ${path} had ${value.skipped} unreadable items`)
  }
  return value
}
