import type { ConnectionDetails, ConnectionType, Individual } from '../shared/legacy-lookups'
import { CONNECTION_TYPES, RESPONSES_BY_TYPE, TEAMS } from './church-catalog'
import type { GeneratedChurch } from './generate-church'

/**
 * The generated church, indexed and serialized once at start. Change requests are only
 * recorded (an administrator applies them later), so none of this changes while the site
 * runs, and the hot path can hand out slices of prepared JSON instead of copying objects.
 */
export class ChurchDirectory {
  readonly typesJson = JSON.stringify(CONNECTION_TYPES)
  readonly teamsJson = JSON.stringify(TEAMS)
  private readonly responsesJson = new Map<number, string>()
  private readonly responseIdsByType = new Map<number, ReadonlySet<number>>()
  private readonly typeById = new Map<number, ConnectionType>()
  private readonly teamIds = new Set(TEAMS.map((team) => team.TeamId))
  private readonly firstIndividualId: number
  private readonly individualJson: string[]
  /** Lower-cased first, last and preferred names, for `q`. */
  private readonly searchNames: Array<readonly [string, string, string]>
  private readonly connectionById = new Map<number, ConnectionDetails>()
  private readonly connectionJson = new Map<number, string>()
  private readonly allConnectionsJson: string[]
  private readonly openConnectionsJson: string[]

  constructor(readonly church: GeneratedChurch) {
    for (const type of CONNECTION_TYPES) this.typeById.set(type.ConnectionTypeId, type)
    for (const [typeId, responses] of RESPONSES_BY_TYPE) {
      this.responsesJson.set(typeId, JSON.stringify(responses))
      this.responseIdsByType.set(typeId, new Set(responses.map((r) => r.ResponseId)))
    }
    const people = church.individuals
    this.firstIndividualId = people[0]?.IndvId ?? 1
    this.individualJson = people.map((person) => JSON.stringify(person))
    const lower = new Map<string, string>()
    const lowerCase = (name: string): string => {
      let known = lower.get(name)
      if (known === undefined) lower.set(name, (known = name.toLowerCase()))
      return known
    }
    this.searchNames = people.map(
      (person) =>
        [
          lowerCase(person.FirstName),
          lowerCase(person.LastName),
          lowerCase(person.PreferredName)
        ] as const
    )
    this.allConnectionsJson = []
    this.openConnectionsJson = []
    for (const connection of church.connections) {
      const json = JSON.stringify(connection)
      this.connectionById.set(connection.ConnectionId, connection)
      this.connectionJson.set(connection.ConnectionId, json)
      this.allConnectionsJson.push(json)
      if (connection.Status === 'Open') this.openConnectionsJson.push(json)
    }
  }

  connectionType(typeId: number): ConnectionType | undefined {
    return this.typeById.get(typeId)
  }

  responsesJsonOf(typeId: number): string | undefined {
    return this.responsesJson.get(typeId)
  }

  isResponseOfType(responseId: number, typeId: number): boolean {
    return this.responseIdsByType.get(typeId)?.has(responseId) ?? false
  }

  hasTeam(teamId: number): boolean {
    return this.teamIds.has(teamId)
  }

  hasIndividual(indvId: number): boolean {
    const index = indvId - this.firstIndividualId
    return Number.isInteger(index) && index >= 0 && index < this.individualJson.length
  }

  individual(indvId: number): Individual | undefined {
    return this.hasIndividual(indvId)
      ? this.church.individuals[indvId - this.firstIndividualId]
      : undefined
  }

  connection(connectionId: number): ConnectionDetails | undefined {
    return this.connectionById.get(connectionId)
  }

  connectionJsonOf(connectionId: number): string | undefined {
    return this.connectionJson.get(connectionId)
  }

  /** Individuals whose first, last or preferred name contains `query` (any case). */
  individualsPage(query: string, page: number, pageSize: number): string {
    const needle = query.trim().toLowerCase()
    if (needle === '') return pageJson(this.individualJson, page, pageSize)
    const matches: string[] = []
    for (let index = 0; index < this.searchNames.length; index++) {
      const [first, last, preferred] = this.searchNames[index] as readonly [string, string, string]
      if (first.includes(needle) || last.includes(needle) || preferred.includes(needle)) {
        matches.push(this.individualJson[index] as string)
      }
    }
    return pageJson(matches, page, pageSize)
  }

  connectionsPage(status: 'open' | 'all', page: number, pageSize: number): string {
    const items = status === 'open' ? this.openConnectionsJson : this.allConnectionsJson
    return pageJson(items, page, pageSize)
  }
}

function pageJson(items: readonly string[], page: number, pageSize: number): string {
  const start = (page - 1) * pageSize
  const slice = items.slice(start, start + pageSize)
  return `{"Items":[${slice.join(',')}],"Page":${page},"PageSize":${pageSize},"TotalCount":${items.length}}`
}
