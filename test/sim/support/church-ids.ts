import {
  connectionDetailsSchema,
  connectionResponseSchema,
  connectionTypeSchema,
  individualSchema,
  pagedSchema,
  teamSchema,
  type ConnectionDetails
} from '../../../src/shared/legacy-lookups'
import * as z from 'zod'
import type { SiteClient } from './site-client'

export interface ChurchIds {
  types: Array<{ typeId: number; responseIds: number[] }>
  people: number[]
  teams: number[]
  open: ConnectionDetails[]
  closed: ConnectionDetails[]
}

/** Reads the ids a test may use, through the lookups (as the app would). */
export async function readChurchIds(client: SiteClient): Promise<ChurchIds> {
  const types = z.array(connectionTypeSchema).parse(await client.getJson('/connectiontypes'))
  const withResponses = await Promise.all(
    types.map(async (type) => ({
      typeId: type.ConnectionTypeId,
      responseIds: z
        .array(connectionResponseSchema)
        .parse(await client.getJson(`/connectiontypes/${type.ConnectionTypeId}/responses`))
        .map((response) => response.ResponseId)
    }))
  )
  const teams = z.array(teamSchema).parse(await client.getJson('/connectionteams'))
  const people = pagedSchema(individualSchema).parse(
    await client.getJson('/individuals?pageSize=1000')
  )
  const connections = pagedSchema(connectionDetailsSchema).parse(
    await client.getJson('/connections?status=all&pageSize=1000')
  )
  return {
    types: withResponses,
    people: people.Items.map((person) => person.IndvId),
    teams: teams.map((team) => team.TeamId),
    open: connections.Items.filter((connection) => connection.Status === 'Open'),
    closed: connections.Items.filter((connection) => connection.Status === 'Closed')
  }
}
