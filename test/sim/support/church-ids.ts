import * as z from 'zod'
import type { SiteClient } from './site-client'

/** What the tests need of a connection, in the change request's own names. */
export interface OpenConnection {
  ConnectionId: number
  ConnectionTypeId: number
  ContactIndvId: number
  FamilyConnection: boolean
}

export interface ChurchIds {
  types: Array<{ typeId: number; responseIds: number[] }>
  people: number[]
  teams: number[]
  open: OpenConnection[]
  closed: OpenConnection[]
}

/** The wire fields these tests read (CONTRACT.md section 2); everything else is ignored. */
const page = <T extends z.ZodType>(item: T) =>
  z.object({ Page: z.array(item), PageCount: z.int(), PageSize: z.int() })
const typesAnswer = z.array(z.object({ ConnectionTypeId: z.int() }))
const responsesAnswer = z.array(z.object({ RespID: z.int() }))
const teamsAnswer = z.array(z.object({ TeamId: z.int() }))
const peopleAnswer = page(z.object({ IndvId: z.int() }))
const assignmentsAnswer = page(z.object({ ConnectionId: z.int() }))
const connectionAnswer = z.object({
  ConnectionId: z.int(),
  ConnectionTypeId: z.int(),
  FamilyConnection: z.boolean(),
  Completed: z.boolean(),
  ContactInformation: z.object({ IndvId: z.int() })
})

/** Reads the ids a test may use, through the API as jadams (as the app would). */
export async function readChurchIds(client: SiteClient): Promise<ChurchIds> {
  const types = typesAnswer.parse(await client.getJson('/types/connections'))
  const withResponses = await Promise.all(
    types.map(async ({ ConnectionTypeId: typeId }) => ({
      typeId,
      responseIds: responsesAnswer
        .parse(await client.getJson(`/types/responses/${typeId}`))
        .map((response) => response.RespID)
    }))
  )
  const teams = teamsAnswer.parse(await client.getJson('/connections/teams'))
  const people = peopleAnswer.parse(await client.getJson('/individuals?q=%25&pageSize=500'))
  // An administrator's assignments are every open connection of the site.
  const openIds = (
    await Promise.all(
      types.map(async ({ ConnectionTypeId: typeId }) =>
        assignmentsAnswer.parse(
          await client.getJson(`/connections/assignments/${typeId}?pageSize=500`)
        )
      )
    )
  ).flatMap((answer) => answer.Page.map((item) => item.ConnectionId))
  const open = await Promise.all(openIds.map((id) => connectionOf(client, id)))
  // Closed ones are in no list of assignments: the first connections hold one whatever the seed.
  const firstFew = await Promise.all(
    Array.from({ length: 12 }, (_, index) => connectionOf(client, index + 1))
  )
  return {
    types: withResponses,
    people: people.Page.map((person) => person.IndvId),
    teams: teams.map((team) => team.TeamId),
    open: open.sort((a, b) => a.ConnectionId - b.ConnectionId),
    closed: firstFew.filter((connection) => !openIds.includes(connection.ConnectionId))
  }
}

async function connectionOf(client: SiteClient, connectionId: number): Promise<OpenConnection> {
  const details = connectionAnswer.parse(
    await client.getJson(`/connections/${connectionId}?includeSelf=true`)
  )
  return {
    ConnectionId: details.ConnectionId,
    ConnectionTypeId: details.ConnectionTypeId,
    ContactIndvId: details.ContactInformation.IndvId,
    FamilyConnection: details.FamilyConnection
  }
}
