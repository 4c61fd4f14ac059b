import { CONNECTION_TYPES, RESPONSES_BY_TYPE, type SimConnectionType } from './church-catalog'
import type { SimChurch, SimConnection, SimPerson, SimTeam } from './church-model'
import type { ChangeRequest } from '../shared/change-request'
import { appliedConnection } from './apply-change-request'
import { likeMatcher } from './like-matcher'
import { isAdministrator, typePermission, type PracticeUser } from './practice-users'
import {
  accountWire,
  assignmentWire,
  connectionTypeWire,
  connectionWire,
  pageJson,
  pageSliceJson,
  personDetailWire,
  personWire,
  type ConnectionParts
} from './wire-json'

/** One user's open assignments at this site, prepared once. */
interface Assignments {
  /** The summary items, by connection type. */
  summary: string[]
  byType: Map<number, string[]>
}

/**
 * One practice site's church, indexed and serialized once at start. A change request is only
 * recorded when posted; its connection changes when it is approved (`apply`), which re-indexes
 * that one connection and forgets the prepared assignments. The directory never changes, so
 * the hot paths hand out slices of prepared JSON instead of copying objects.
 */
export class ChurchDirectory {
  readonly teamsJson: string
  private readonly typeById = new Map<number, SimConnectionType>()
  private readonly responsesJson = new Map<number, string>()
  private readonly responseIdsByType = new Map<number, ReadonlySet<number>>()
  private readonly teamById = new Map<number, SimTeam>()
  private readonly firstIndividualId: number
  private readonly individualJson: string[]
  /** Lower-cased last, first, goes-by and "first last" names, for `q`. */
  private readonly searchNames: Array<readonly [string, string, string, string]>
  private readonly connectionById = new Map<number, SimConnection>()
  /** Connection ids by person: as the contact, the assigned person or a team's member. */
  private readonly connectionsByPerson = new Map<number, number[]>()
  private readonly assignmentsByUser = new Map<string, Assignments>()
  /** The seeded connections, for `/_sim/reset`. */
  private readonly seededConnections: readonly SimConnection[]

  constructor(
    readonly church: SimChurch,
    readonly site: { siteNumber: number; siteName: string }
  ) {
    for (const type of CONNECTION_TYPES) this.typeById.set(type.ConnectionTypeId, type)
    for (const [typeId, responses] of RESPONSES_BY_TYPE) {
      this.responsesJson.set(typeId, JSON.stringify(responses))
      this.responseIdsByType.set(typeId, new Set(responses.map((r) => r.RespID)))
    }
    for (const team of church.teams) this.teamById.set(team.TeamId, team)
    this.teamsJson = JSON.stringify(
      church.teams.map((team) => ({
        TeamId: team.TeamId,
        TeamName: team.TeamName,
        TeamMemberCount: team.members.length
      }))
    )
    const people = church.individuals
    this.firstIndividualId = people[0]?.IndvId ?? 1
    this.individualJson = people.map((person) => JSON.stringify(personWire(person)))
    this.searchNames = people.map(
      (person) =>
        [
          person.LastName.toLowerCase(),
          person.FirstName.toLowerCase(),
          person.GoesByName.toLowerCase(),
          `${person.FirstName} ${person.LastName}`.toLowerCase()
        ] as const
    )
    this.seededConnections = [...church.connections]
    this.indexConnections()
  }

  /**
   * An approved change request changes its connection, or adds one; answers the id of the
   * connection it changed, or undefined when there is none to change (closed since, say).
   */
  apply(body: ChangeRequest, today: string): number | undefined {
    const connections = this.church.connections
    const before = body.ConnectionId > 0 ? this.connectionById.get(body.ConnectionId) : undefined
    if (body.ConnectionId > 0 && (!before || before.Completed)) return undefined
    const nextId = (connections[connections.length - 1]?.ConnectionId ?? 0) + 1
    const after = appliedConnection(before, body, { ConnectionId: nextId, today })
    if (before) connections[connections.indexOf(before)] = after
    else connections.push(after)
    this.indexConnections()
    return after.ConnectionId
  }

  /** Back to the seeded connections (`/_sim/reset`). */
  resetConnections(): void {
    this.church.connections.splice(0, Infinity, ...this.seededConnections)
    this.indexConnections()
  }

  /** Approvals are rare: indexing the whole church again keeps one way of building it. */
  private indexConnections(): void {
    this.connectionById.clear()
    this.connectionsByPerson.clear()
    this.assignmentsByUser.clear()
    for (const connection of this.church.connections) {
      this.connectionById.set(connection.ConnectionId, connection)
      const concerned = new Set([
        connection.ContactIndvId,
        ...this.assigneesOf(connection).map((person) => person.IndvId)
      ])
      for (const indvId of concerned) {
        const list = this.connectionsByPerson.get(indvId)
        if (list) list.push(connection.ConnectionId)
        else this.connectionsByPerson.set(indvId, [connection.ConnectionId])
      }
    }
  }

  connectionType(typeId: number): SimConnectionType | undefined {
    return this.typeById.get(typeId)
  }

  isResponseOfType(responseId: number, typeId: number): boolean {
    return this.responseIdsByType.get(typeId)?.has(responseId) ?? false
  }

  hasTeam(teamId: number): boolean {
    return this.teamById.has(teamId)
  }

  hasIndividual(indvId: number): boolean {
    return this.individual(indvId) !== undefined
  }

  individual(indvId: number): SimPerson | undefined {
    const index = indvId - this.firstIndividualId
    return Number.isInteger(index) ? this.church.individuals[index] : undefined
  }

  connection(connectionId: number): SimConnection | undefined {
    return this.connectionById.get(connectionId)
  }

  /** The user's own record in this site's directory. */
  personOf(user: PracticeUser): SimPerson | undefined {
    const people = this.church.individuals
    return people[Math.min(user.personIndex, people.length - 1)]
  }

  accountJson(user: PracticeUser): string {
    return JSON.stringify(accountWire(user, this.site, this.personOf(user)))
  }

  typesJson(user: PracticeUser): string {
    return JSON.stringify(
      CONNECTION_TYPES.map((type) =>
        connectionTypeWire(type, typePermission(user, type.ConnectionTypeId))
      )
    )
  }

  responsesJsonOf(typeId: number): string | undefined {
    return this.responsesJson.get(typeId)
  }

  assignmentSummaryPage(user: PracticeUser, pageIndex: number, pageSize: number): string {
    return pageJson(this.assignmentsOf(user).summary, pageIndex, pageSize)
  }

  assignmentsPage(user: PracticeUser, typeId: number, pageIndex: number, pageSize: number) {
    return pageJson(this.assignmentsOf(user).byType.get(typeId) ?? [], pageIndex, pageSize)
  }

  connectionJson(user: PracticeUser, connectionId: number): string | undefined {
    const connection = this.connectionById.get(connectionId)
    if (!connection) return undefined
    const permission = typePermission(user, connection.ConnectionTypeId)
    return JSON.stringify(connectionWire(connection, this.partsOf(connection), permission))
  }

  /** Open and closed, where the person is the contact, the one assigned, or on the team. */
  personConnectionsPage(indvId: number, pageIndex: number, pageSize: number): string {
    const ids = this.connectionsByPerson.get(indvId) ?? []
    // Only the page's items are serialized.
    const items = ids.slice(pageIndex * pageSize, (pageIndex + 1) * pageSize).map((id) => {
      const connection = this.connectionById.get(id) as SimConnection
      return JSON.stringify(connectionWire(connection, this.partsOf(connection)))
    })
    return pageSliceJson(items, ids.length, pageIndex, pageSize)
  }

  /** Matched like SQL LIKE with a trailing `%`, without case, in IndvId order. */
  individualsPage(query: string, pageIndex: number, pageSize: number): string {
    const matches = likeMatcher(query)
    if (matches === 'everyone') return pageJson(this.individualJson, pageIndex, pageSize)
    const found: string[] = []
    for (let index = 0; index < this.searchNames.length; index++) {
      const names = this.searchNames[index] as readonly string[]
      if (names.some(matches)) found.push(this.individualJson[index] as string)
    }
    return pageJson(found, pageIndex, pageSize)
  }

  individualDetailJson(indvId: number): string | undefined {
    const person = this.individual(indvId)
    if (!person) return undefined
    const family = this.church.individuals.filter((member) => member.FamId === person.FamId)
    return JSON.stringify(personDetailWire(person, family))
  }

  private assigneesOf(connection: SimConnection): SimPerson[] {
    const { assignee } = connection
    const ids =
      assignee.kind === 'person'
        ? [assignee.indvId]
        : assignee.kind === 'team'
          ? (this.teamById.get(assignee.teamId)?.members ?? [])
          : []
    return ids.flatMap((id) => this.individual(id) ?? [])
  }

  private partsOf(connection: SimConnection): ConnectionParts {
    return {
      type: this.typeById.get(connection.ConnectionTypeId) as SimConnectionType,
      contact: this.individual(connection.ContactIndvId),
      teamMembers: this.assigneesOf(connection)
    }
  }

  /**
   * CONTRACT.md section 3 (GUESS for the real service): an administrator sees every open
   * connection; anyone else those assigned to their own record or to a team they are on.
   */
  private assignmentsOf(user: PracticeUser): Assignments {
    const known = this.assignmentsByUser.get(user.username)
    if (known) return known
    const me = this.personOf(user)?.IndvId
    const byType = new Map<number, string[]>()
    const earliest = new Map<number, { ordinal: number; text: string }>()
    for (const connection of this.church.connections) {
      if (connection.Completed) continue
      const mine =
        isAdministrator(user) || this.assigneesOf(connection).some((person) => person.IndvId === me)
      if (!mine) continue
      const typeId = connection.ConnectionTypeId
      const json = JSON.stringify(assignmentWire(connection, this.partsOf(connection)))
      const list = byType.get(typeId)
      if (list) list.push(json)
      else byType.set(typeId, [json])
      const ordinal = sortableDate(connection.DueDate)
      const before = earliest.get(typeId)
      if (ordinal !== undefined && (before === undefined || ordinal < before.ordinal)) {
        earliest.set(typeId, { ordinal, text: connection.DueDate })
      }
    }
    const summary = CONNECTION_TYPES.filter((type) => byType.has(type.ConnectionTypeId)).map(
      (type) =>
        JSON.stringify({
          ConnectionTypeId: type.ConnectionTypeId,
          ConnectionTypeDescription: type.ConnectionTypeDesc,
          EarliestDueDate: earliest.get(type.ConnectionTypeId)?.text ?? null,
          TotalConnections: byType.get(type.ConnectionTypeId)?.length ?? 0,
          ConnectionColor: type.ConnectionColor
        })
    )
    const assignments = { summary, byType }
    this.assignmentsByUser.set(user.username, assignments)
    return assignments
  }
}

function sortableDate(text: string): number | undefined {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text)
  return match ? Number(`${match[3]}${match[1]}${match[2]}`) : undefined
}
