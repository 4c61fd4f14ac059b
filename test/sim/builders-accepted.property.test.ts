import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPracticeSite, type PracticeSite } from '../../src/sim'
import { build, builderCall, type IdSources } from '../shared/change-request/arbitraries'
import { readChurchIds } from './support/church-ids'
import { SiteClient, acceptedId } from './support/site-client'

let site: PracticeSite
let client: SiteClient
let sources: IdSources

beforeAll(async () => {
  site = await startPracticeSite({ port: 0, seed: 11, people: 800, controlRoutes: true })
  client = new SiteClient(site)
  const ids = await readChurchIds(client)
  const responsesOf = (typeId: number): number[] =>
    ids.types.find((type) => type.typeId === typeId)?.responseIds ?? []
  sources = {
    typeAndResponses: fc
      .constantFrom(...ids.types)
      .chain((type) =>
        fc
          .shuffledSubarray(type.responseIds)
          .map((responseIds) => ({ typeId: type.typeId, responseIds }))
      ),
    person: fc.constantFrom(...ids.people),
    team: fc.constantFrom(...ids.teams),
    openConnection: fc.constantFrom(...ids.open).chain((connection) =>
      fc.shuffledSubarray(responsesOf(connection.ConnectionTypeId)).map((responseIds) => ({
        connectionId: connection.ConnectionId,
        typeId: connection.ConnectionTypeId,
        contactIndvId: connection.ContactIndvId,
        familyConnection: connection.FamilyConnection,
        responseIds
      }))
    )
  }
})
afterAll(() => site.close())

describe('whatever the builders emit, for ids of the church', () => {
  it('the practice site accepts it (posted as jadams) and records it as sent', async () => {
    await client.reset()
    let posted = 0
    await fc.assert(
      fc.asyncProperty(builderCall(sources), async (call) => {
        const built = build(call)
        if (!built.ok) throw new Error(`builder refused: ${JSON.stringify(built.errors)}`)
        const response = await client.post(built.body)
        const id = await acceptedId(response)
        posted++
        expect(id).toBe(1000 + posted)
      }),
      { numRuns: 150 }
    )
    const log = await client.changeRequests()
    expect(log).toHaveLength(posted)
    expect(log.at(-1)?.User).toBe('jadams')
  })
})
