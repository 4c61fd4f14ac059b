import { describe, expect, it } from 'vitest'
import { classifyAnswer } from '$main/api/acs-client'
import {
  EXCERPT_MAX_LENGTH,
  FIELD_ERRORS_MAX_FIELDS,
  FIELD_ERRORS_MAX_MESSAGES,
  FIELD_NAME_MAX_LENGTH,
  readChangeRequestId,
  readErrorAnswer,
  safeExcerpt
} from '$main/api/acs-answers'

describe('readChangeRequestId', () => {
  it.each([
    ['4711', 4711],
    [' 4711\n', 4711],
    ['"4711"', 4711],
    ['{"ConnectionCRId":4711}', 4711],
    ['{"Id":12}', 12],
    ['{"ConnectionCRId":5,"Id":6}', 5],
    ['{"ConnectionCRId":9,"Other":"x"}', 9],
    [String(Number.MAX_SAFE_INTEGER), Number.MAX_SAFE_INTEGER]
  ])('reads %s as id %d', (body, id) => {
    expect(readChangeRequestId(body)).toEqual({ ok: true, id })
  })

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['0', 'positive'],
    ['-4', 'positive'],
    ['1.5', 'positive'],
    ['9007199254740993', 'positive'],
    ['"0"', 'not an id'],
    ['"-1"', 'not an id'],
    ['"47a"', 'not an id'],
    ['"04711"', 'not an id'],
    ['"1e3"', 'not an id'],
    ['"99999999999999999999"', 'not an id'],
    ['{}', 'no ConnectionCRId or Id'],
    ['{"ConnectionCRId":"4711"}', 'no ConnectionCRId or Id'],
    ['{"Id":0}', 'no ConnectionCRId or Id'],
    ['{"id":4711}', 'no ConnectionCRId or Id'],
    ['[4711]', 'no id'],
    ['null', 'no id'],
    ['true', 'no id'],
    ['{"ConnectionCRId":47', 'not JSON'],
    ['<html><body>OK</body></html>', 'not JSON'],
    ['OK', 'not JSON']
  ])('refuses %j (%s)', (body, reason) => {
    const reading = readChangeRequestId(body)
    expect(reading.ok).toBe(false)
    if (!reading.ok) expect(reading.reason).toContain(reason)
  })
})

describe('readErrorAnswer', () => {
  it('reads ASP.NET ModelState into field errors without the model prefix', () => {
    const body = JSON.stringify({
      Message: 'The request is invalid.',
      ModelState: {
        'request.Comment': ['Comment is too long'],
        'model.ResponseIdList[0]': ['Unknown response 99'],
        '': ['Body could not be read'],
        ConnectionDate: ['Bad date', 'Bad date']
      }
    })
    expect(readErrorAnswer(400, body, 'application/json')).toEqual({
      message: '400 Bad Request: The request is invalid.',
      fieldErrors: {
        Comment: ['Comment is too long'],
        ResponseIdList: ['Unknown response 99'],
        request: ['Body could not be read'],
        ConnectionDate: ['Bad date']
      }
    })
  })

  it.each([
    [
      403,
      '{"Message":"User may not create change requests"}',
      'application/json',
      '403 Forbidden: User may not create change requests'
    ],
    [404, '', 'text/plain', '404 Not Found'],
    [
      409,
      'Conflict with   another\nrequest',
      'text/plain',
      '409 Conflict: Conflict with another request'
    ],
    [
      503,
      '<!DOCTYPE html><html><head><title>Service Unavailable</title><style>b{}</style></head><body><h1>Down &amp; out</h1><script>alert(1)</script><p>Back soon</p></body></html>',
      'text/html',
      '503 Service Unavailable: Service Unavailable. Down & out Back soon'
    ],
    [502, '  <p>Bad &lt;gateway&gt; &#65;&#x42;</p>', '', '502 Bad Gateway: Bad <gateway> AB'],
    [418, 'short and stout', 'text/plain', 'HTTP 418: short and stout'],
    [400, '{"unrelated":true}', 'application/json', '400 Bad Request: {"unrelated":true}']
  ])('gives %d a short, safe message', (status, body, contentType, message) => {
    expect(readErrorAnswer(status, body, contentType).message).toBe(message)
  })

  it('gives the page a few field errors, however many the answer names', () => {
    const modelState: Record<string, string[]> = {}
    for (let field = 0; field < 2_000; field++) {
      modelState[`request.Field${field}${'x'.repeat(500)}`] = Array.from(
        { length: 20 },
        (_, index) => `Problem ${index} ${'y'.repeat(500)}`
      )
    }
    const body = JSON.stringify({ Message: 'The request is invalid.', ModelState: modelState })
    const { message, fieldErrors } = readErrorAnswer(400, body, 'application/json')
    expect(message).toBe('400 Bad Request: The request is invalid.')
    const fields = Object.keys(fieldErrors)
    expect(fields).toHaveLength(FIELD_ERRORS_MAX_FIELDS)
    // The first fields the site named, each name cut as a message is.
    expect(fields[0]?.startsWith('Field0xxx')).toBe(true)
    for (const [field, messages] of Object.entries(fieldErrors)) {
      expect([...field].length).toBeLessThanOrEqual(FIELD_NAME_MAX_LENGTH)
      expect(messages).toHaveLength(FIELD_ERRORS_MAX_MESSAGES)
      for (const text of messages) expect([...text].length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH)
    }
    // A few kilobytes at most reach the page and each outbox attempt, not the answer's megabytes.
    expect(JSON.stringify(fieldErrors).length).toBeLessThan(16_000)
  })

  it('reads any field name as a name: no prototype member, no control character', () => {
    const body = JSON.stringify({
      Message: 'The request is invalid.',
      ModelState: {
        'request.__proto__': ['one'],
        'model.constructor': ['two'],
        'request.toString': ['three'],
        'request.Comment\u001b[31m\nFAKE LOG LINE': ['four\r\nfive']
      }
    })
    const reading = readErrorAnswer(400, body, 'application/json')
    expect(reading.message).toBe('400 Bad Request: The request is invalid.')
    expect(Object.entries(reading.fieldErrors)).toEqual([
      ['__proto__', ['one']],
      ['constructor', ['two']],
      ['toString', ['three']],
      ['Comment [31m FAKE LOG LINE', ['four five']]
    ])
    expect(Object.getPrototypeOf(reading.fieldErrors)).toBe(Object.prototype)
    // Before, such a name threw inside the app: the refusal became "may have arrived".
    const outcome = classifyAnswer(
      {
        kind: 'answer',
        status: 400,
        headers: { 'content-type': 'application/json' },
        body,
        oversized: false,
        cutOff: false
      },
      0
    )
    expect(outcome).toMatchObject({ kind: 'rejected', status: 400 })
  })

  it('cuts a long page to a short excerpt without markup', () => {
    const page = `<html><body>${'<div>trouble</div>'.repeat(500)}</body></html>`
    const { message } = readErrorAnswer(500, page, 'text/html')
    expect(message.startsWith('500 Internal Server Error: trouble trouble')).toBe(true)
    expect(message).not.toMatch(/[<>]/)
    expect(message.length).toBeLessThanOrEqual(EXCERPT_MAX_LENGTH + 40)
  })
})

describe('safeExcerpt', () => {
  it('flattens control characters and line breaks that could fake log lines', () => {
    expect(safeExcerpt('one\r\ntwo\u0000three\u2028four\ttab')).toBe('one two three four tab')
  })

  it('keeps comparisons that only look like markup', () => {
    expect(safeExcerpt('must be < 5 and > 2')).toBe('must be < 5 and > 2')
  })

  it('counts characters as people do and marks the cut', () => {
    const text = '😀'.repeat(EXCERPT_MAX_LENGTH + 10)
    const excerpt = safeExcerpt(text)
    expect([...excerpt]).toHaveLength(EXCERPT_MAX_LENGTH)
    expect(excerpt.endsWith('…')).toBe(true)
  })
})

describe('readErrorAnswer on markup in a plain-text answer', () => {
  it('strips tags even when the content type says text', () => {
    expect(readErrorAnswer(500, 'Error: <b>database</b> down', 'text/plain').message).toBe(
      '500 Internal Server Error: Error: database down'
    )
  })
})
