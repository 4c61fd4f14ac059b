import { describe, expect, it } from 'vitest'
import { PracticeSiteError, startPracticeSite } from '../../src/sim'
import { generateChurch } from '../../src/sim/generate-church'
import { SiteClient } from './support/site-client'

const TODAY = '11/02/2025'

describe('the generated church', () => {
  it('is the same for the same seed, and different for another', () => {
    const a = generateChurch({ seed: 5, people: 2000, today: TODAY })
    const b = generateChurch({ seed: 5, people: 2000, today: TODAY })
    const c = generateChurch({ seed: 6, people: 2000, today: TODAY })
    expect(b).toEqual(a)
    expect(c.individuals).not.toEqual(a.individuals)
    expect(c.connections).not.toEqual(a.connections)
  })

  it('is the same over HTTP for the same seed', async () => {
    const sites = await Promise.all([1, 1, 2].map((seed) => startPracticeSite({ port: 0, seed })))
    const listings = await Promise.all(
      sites.map(async (site) => {
        const client = new SiteClient(site)
        return [
          await client.getJson('/individuals?q=%25&pageSize=500&pageIndex=1'),
          await client.getJson('/connections/assignments/1?pageSize=500'),
          await client.getJson('/connections/6')
        ]
      })
    )
    await Promise.all(sites.map((site) => site.close()))
    expect(listings[1]).toEqual(listings[0])
    expect(listings[2]).not.toEqual(listings[0])
  })

  it.each([1, 10, 75, 76, 77, 500])(
    '%d people: exactly that many, contiguous ids, individual 76 among them',
    (people) => {
      const church = generateChurch({ seed: 3, people, today: TODAY })
      const ids = church.individuals.map((person) => person.IndvId)
      expect(ids).toHaveLength(people)
      expect(ids).toContain(76)
      expect(ids.every((id, index) => index === 0 || id === (ids[index - 1] ?? 0) + 1)).toBe(true)
      expect(church.individuals.every((person) => person.FirstName && person.LastName)).toBe(true)
    }
  )

  it('every seed has open connections of every type and a closed one', () => {
    for (const seed of [0, 1, 2, 99, -7, 2 ** 31]) {
      const church = generateChurch({ seed, people: 40, today: TODAY })
      const open = church.connections.filter((connection) => !connection.Completed)
      expect(new Set(open.map((connection) => connection.ConnectionTypeId)).size).toBe(5)
      expect(church.connections.some((connection) => connection.Completed)).toBe(true)
    }
  })

  it('every seed gives the clerk’s record connections of types 1 to 3, through team 1 too', () => {
    for (const seed of [0, 1, 2, 99, -7, 2 ** 31]) {
      for (const people of [2, 40, 2000]) {
        const church = generateChurch({ seed, people, today: TODAY })
        const clerk = church.individuals[Math.min(1, people - 1)]?.IndvId
        const team1 = church.teams.find((team) => team.TeamId === 1)
        expect(team1?.members).toContain(clerk)
        const theirs = church.connections.filter(
          (connection) =>
            !connection.Completed &&
            ((connection.assignee.kind === 'person' && connection.assignee.indvId === clerk) ||
              (connection.assignee.kind === 'team' && connection.assignee.teamId === 1))
        )
        const types = new Set(theirs.map((connection) => connection.ConnectionTypeId))
        expect([1, 2, 3].every((typeId) => types.has(typeId))).toBe(true)
      }
    }
  })

  it('scales to 50,000 people', () => {
    const church = generateChurch({ seed: 1, people: 50_000, today: TODAY })
    expect(church.individuals).toHaveLength(50_000)
    expect(church.individuals.at(-1)?.IndvId).toBe(50_000)
    expect(church.connections.length).toBeGreaterThan(5000)
  })

  it.each([
    [{ people: 0 }, /people/],
    [{ people: 1.5 }, /people/],
    [{ port: 70_000 }, /port/],
    [{ seed: Number.NaN }, /seed/]
  ])('options %j are refused with a PracticeSiteError', async (options, message) => {
    const refusal = startPracticeSite(options)
    await expect(refusal).rejects.toThrow(PracticeSiteError)
    await expect(refusal).rejects.toThrow(message)
  })

  it('a port already in use is refused with a clear message', async () => {
    const site = await startPracticeSite({ port: 0 })
    await expect(startPracticeSite({ port: site.port })).rejects.toThrow(/in use/)
    await site.close()
  })
})
