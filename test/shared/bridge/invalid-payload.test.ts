import { describe, expect, it } from 'vitest'
import * as z from 'zod'
import { sendBatchRequestSchema } from '$shared/bridge/channels'
import { invalidPayloadError, WHOLE_PAYLOAD } from '$shared/bridge/invalid-payload'
import { parseRequest } from '$shared/bridge/parse'
import { InvalidPayloadError } from '$shared/errors'

const validBody = {
  ConnectionId: 5,
  Complete: true,
  ConnectionDate: '03/14/2025',
  Reassign: false,
  NewCallerIndvId: -1,
  NewTeamId: -1,
  Comment: '',
  ResponseIdList: [-1]
}

describe('invalidPayloadError', () => {
  it('names each failing path, nested ones included, in the message and in fieldErrors', () => {
    const parsed = sendBatchRequestSchema.safeParse({
      siteKey: 'practice#12345',
      items: [
        { id: 'a', idempotencyKey: 'k', body: validBody },
        { id: '', idempotencyKey: 'k', body: { ...validBody, ConnectionDate: '02/30/2025' } }
      ]
    })
    expect(parsed.success).toBe(false)
    const error = invalidPayloadError(parsed.error as z.ZodError, 'The batch')
    expect(error).toBeInstanceOf(InvalidPayloadError)
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual([
      'items.1.body.ConnectionDate',
      'items.1.id'
    ])
    expect(error.fieldErrors?.['items.1.body.ConnectionDate']).toEqual([
      'Connection date must be a real date written MM/DD/YYYY'
    ])
    expect(error.message).toContain('The batch is not valid')
    expect(error.message).toContain('items.1.body.ConnectionDate: Connection date must be')
    expect(error.message).toContain('items.1.id:')
  })

  it('files problems with the payload as a whole under one key', () => {
    const parsed = z.object({ a: z.string() }).safeParse('not an object')
    const error = invalidPayloadError(parsed.error as z.ZodError, 'The request')
    expect(Object.keys(error.fieldErrors ?? {})).toEqual([WHOLE_PAYLOAD])
    expect(error.message).toContain(`${WHOLE_PAYLOAD}:`)
  })

  it('never quotes the rejected value, so a password cannot leak through a message', () => {
    const secret = 'hunter2-secret'
    try {
      parseRequest('credentials:sign-in', {
        baseUrl: 'https://secure.accessacs.com',
        siteNumber: 'twelve',
        username: 'jadams',
        password: secret,
        persistWithoutKeychain: secret
      })
      expect.unreachable('the request should have been refused')
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidPayloadError)
      const text = JSON.stringify({
        message: (error as InvalidPayloadError).message,
        fieldErrors: (error as InvalidPayloadError).fieldErrors
      })
      expect(text).toContain('siteNumber')
      expect(text).toContain('persistWithoutKeychain')
      expect(text).not.toContain(secret)
    }
  })
})
