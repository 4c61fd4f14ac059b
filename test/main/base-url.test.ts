import { describe, expect, it } from 'vitest'
import { checkBaseUrl, DEFAULT_BASE_URL, isLoopbackHost } from '../../src/main/base-url'
import { InvalidSettingError } from '../../src/shared/errors'

describe('checkBaseUrl', () => {
  it.each([
    [DEFAULT_BASE_URL, DEFAULT_BASE_URL],
    [`  ${DEFAULT_BASE_URL}/ `, DEFAULT_BASE_URL],
    ['HTTPS://Secure.AccessACS.com/api_accessacs_mobile/v2', DEFAULT_BASE_URL],
    [
      'http://127.0.0.1:40123/api_accessacs_mobile/v2',
      'http://127.0.0.1:40123/api_accessacs_mobile/v2'
    ],
    ['http://127.8.9.10/api', 'http://127.8.9.10/api'],
    ['http://localhost:8080/api/', 'http://localhost:8080/api'],
    ['http://[::1]:9000/v2', 'http://[::1]:9000/v2'],
    ['http://127.1/v2', 'http://127.0.0.1/v2']
  ])('accepts %s as %s', (typed, normalized) => {
    expect(checkBaseUrl(typed)).toBe(normalized)
  })

  it.each([
    ['http://secure.accessacs.com/api_accessacs_mobile/v2', /https:\/\/.*practice site/],
    ['http://128.0.0.1/api', /https:\/\//],
    ['http://localhost.evil.example/api', /https:\/\//],
    ['http://[::2]/api', /https:\/\//],
    ['http://10.0.0.5/api', /https:\/\//],
    ['ftp://secure.accessacs.com/api', /must start with https:\/\//],
    ['secure.accessacs.com/api', /not a web address/],
    ['', /not a web address/],
    ['https://jadams:pw@secure.accessacs.com/api', /username or password/],
    ['https://secure.accessacs.com/api?site=1', /\? or #/]
  ])('refuses %s with a reason', (typed, reason) => {
    expect(() => checkBaseUrl(typed)).toThrow(InvalidSettingError)
    expect(() => checkBaseUrl(typed)).toThrow(reason)
  })
})

describe('isLoopbackHost', () => {
  it('knows loopback as the contract names it', () => {
    for (const host of ['localhost', '[::1]', '127.0.0.1', '127.255.255.254']) {
      expect(isLoopbackHost(host), host).toBe(true)
    }
    for (const host of [
      '127.0.0.256',
      '126.0.0.1',
      '0.0.0.0',
      '[::]',
      'localhost.',
      'example.com'
    ]) {
      expect(isLoopbackHost(host), host).toBe(false)
    }
  })
})
