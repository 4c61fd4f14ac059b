import { describe, expect, it } from 'vitest'
import {
  checkBaseUrl,
  DEFAULT_BASE_URL,
  isLoopbackHost,
  normalizeBaseUrl
} from '../../src/main/base-url'
import { InvalidSettingError } from '../../src/shared/errors'

const PRACTICE = 'http://127.0.0.1:40123/api_accessacs_mobile/v2'

describe('normalizeBaseUrl', () => {
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
  ])('accepts the form of %s as %s', (typed, normalized) => {
    expect(normalizeBaseUrl(typed)).toBe(normalized)
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
    expect(() => normalizeBaseUrl(typed)).toThrow(InvalidSettingError)
    expect(() => normalizeBaseUrl(typed)).toThrow(reason)
    expect(() => checkBaseUrl(typed, PRACTICE)).toThrow(reason)
  })
})

describe('checkBaseUrl', () => {
  it.each([
    [DEFAULT_BASE_URL, null, DEFAULT_BASE_URL],
    [`  ${DEFAULT_BASE_URL}/ `, PRACTICE, DEFAULT_BASE_URL],
    [PRACTICE, PRACTICE, PRACTICE],
    ['http://127.1:40123/api_accessacs_mobile/v2/', PRACTICE, PRACTICE],
    // Another path on the practice site's port reaches the practice site all the same.
    ['http://127.0.0.1:40123/other', PRACTICE, 'http://127.0.0.1:40123/other']
  ])('accepts %s (practice site at %s)', (typed, practice, normalized) => {
    expect(checkBaseUrl(typed, practice)).toBe(normalized)
  })

  it.each([
    [PRACTICE, null],
    ['http://127.0.0.1:40124/api_accessacs_mobile/v2', PRACTICE],
    ['http://127.0.0.1/api_accessacs_mobile/v2', PRACTICE],
    ['http://127.8.9.10:40123/api', PRACTICE],
    ['http://localhost:40123/api', PRACTICE],
    ['http://[::1]:40123/v2', PRACTICE],
    ['http://localhost:631/', PRACTICE]
  ])('refuses plain http to %s when the practice site is at %s', (typed, practice) => {
    expect(() => checkBaseUrl(typed, practice)).toThrow(InvalidSettingError)
    expect(() => checkBaseUrl(typed, practice)).toThrow(/practice site built into this app/)
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
