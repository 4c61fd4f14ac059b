import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  NO_ASSIGNEE,
  NO_RESPONSE_ID,
  operationOf,
  validateChangeRequest
} from '$shared/change-request'
import { build, builderCall } from '../support/arbitraries'
import { contractAccepts } from '../support/contract-model'

describe('the four builders', () => {
  it('emit bodies the schema and the contract accept, for any valid input', () => {
    fc.assert(
      fc.property(builderCall(), (call) => {
        const result = build(call)
        if (!result.ok) throw new Error(`builder refused: ${JSON.stringify(result.errors)}`)
        expect(validateChangeRequest(result.body).ok).toBe(true)
        expect(contractAccepts(result.body)).toBe(true)
        // What is sent survives a trip through JSON unchanged.
        expect(validateChangeRequest(JSON.parse(JSON.stringify(result.body)))).toEqual({
          ok: true,
          value: result.body
        })
      }),
      { numRuns: 300 }
    )
  })

  it('emit the operation they are named for, with the chosen values', () => {
    fc.assert(
      fc.property(builderCall(), (call) => {
        const result = build(call)
        if (!result.ok) throw new Error('builder refused')
        const body = result.body
        expect(operationOf(body)).toBe(call.operation)
        expect(body.ConnectionDate).toBe(call.input.date)
        expect(body.Comment).toBe(call.input.comment)
        expect(body.ResponseIdList).toEqual(
          call.input.responseIds.length === 0 ? [NO_RESPONSE_ID] : call.input.responseIds
        )
        if (call.operation === 'new' || call.operation === 'reassign') {
          const to = call.input.assignee
          expect([body.NewCallerIndvId, body.NewTeamId]).toEqual(
            to.kind === 'person' ? [to.indvId, NO_ASSIGNEE] : [NO_ASSIGNEE, to.teamId]
          )
        } else {
          expect([body.NewCallerIndvId, body.NewTeamId]).toEqual([NO_ASSIGNEE, NO_ASSIGNEE])
        }
        if (call.operation !== 'new') {
          const known = call.input.connection
          expect(body.ConnectionTypeId).toBe(known?.connectionTypeId)
          expect(body.ContactIndvId).toBe(known?.contactIndvId)
        }
      }),
      { numRuns: 200 }
    )
  })

  it('refuse bad input with field errors instead of emitting an invalid body', () => {
    fc.assert(
      fc.property(builderCall(), fc.constantFrom('02/30/2025', '2/5/2025', ''), (call, badDate) => {
        const result = build({ ...call, input: { ...call.input, date: badDate } } as typeof call)
        expect(result.ok).toBe(false)
        if (!result.ok) expect(result.errors.ConnectionDate?.length).toBeGreaterThan(0)
      }),
      { numRuns: 50 }
    )
  })
})
