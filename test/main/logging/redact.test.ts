import { describe, expect, it } from 'vitest'
import { REDACTED, redact } from '$main/logging/redact'

describe('redact', () => {
  it.each([
    ['an Authorization header', 'authorization: Basic amFkYW1zOnBhc3N3b3JkMjMx', 'amFkYW1z'],
    ['a Basic token alone', 'sent with Basic amFkYW1zOnBhc3N3b3JkMjMx to the site', 'amFkYW1z'],
    ['a Bearer token', 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.abc', 'eyJhbGci'],
    ['a password field in JSON', '{"username":"jadams","password":"hunter22"}', 'hunter22'],
    ['a password in a query', 'GET /login?user=x&password=hunter22&z=1', 'hunter22'],
    ['a password in prose', 'Password: hunter22 was refused', 'hunter22'],
    ['an ApplicationId header', 'ApplicationId: 3f2504e0-4f89-11d3-9a0c-0305e82c3301', '3f2504e0'],
    [
      'an ApplicationId in JSON',
      '{"applicationId":"3f2504e0-4f89-11d3-9a0c-0305e82c3301"}',
      '3f2504e0'
    ],
    [
      'a comment in JSON',
      '{"Comment":"Visited Ann, she is \\"fine\\"","ConnectionId":4}',
      'Visited'
    ],
    ['a comment as inspect prints it', "{ Comment: 'Visited Ann at home', x: 1 }", 'Visited'],
    ['a first name', '{"FirstName":"Annabel","LastName":"Leeworth"}', 'Annabel'],
    ['a last name', '{"FirstName":"Annabel","LastName":"Leeworth"}', 'Leeworth'],
    ['a goes-by name', "{ GoesByName: 'Bel' }", 'Bel'],
    ['a people search', 'GET /12345/individuals?q=Leeworth&pageSize=50', 'Leeworth'],
    ['credentials in a URL', 'https://jadams:hunter22@secure.accessacs.com/api', 'hunter22'],
    ['an e-mail field', '{"Email":"ann@example.org"}', 'ann@example.org']
  ])('removes %s', (_what, line, secret) => {
    const cleaned = redact(line)
    expect(cleaned).not.toContain(secret)
    expect(cleaned).toContain(REDACTED)
  })

  it('removes known secrets wherever they appear, and their URL-encoded form', () => {
    const cleaned = redact('failed for p@ss word!! and p%40ss%20word!!', ['p@ss word!!'])
    expect(cleaned).toBe(`failed for ${REDACTED} and ${REDACTED}`)
  })

  it('keeps what support needs: methods, paths, statuses, item ids and codes', () => {
    const line =
      'POST /api_accessacs_mobile/v2/12345/connections [item 0f3c2a] → 503 in 41 ms (ECONNRESET)'
    expect(redact(line, ['abc'])).toBe(line)
  })

  it('does not treat a one-character secret as text to remove', () => {
    expect(redact('status 1 of 1', ['1'])).toBe('status 1 of 1')
  })
})
