import { describe, expect, it } from 'vitest'
import {
  CHANNEL_NAME_PATTERN,
  emailSignInRequestSchema,
  eventChannels,
  invokeChannels,
  signInRequestSchema
} from '$shared/bridge/channels'
import {
  EVENT_CHANNEL_NAMES,
  INVOKE_CHANNEL_NAMES,
  isEventChannel,
  isInvokeChannel
} from '$shared/bridge/channel-names'

describe('bridge channels', () => {
  const allNames = [...Object.keys(invokeChannels), ...Object.keys(eventChannels)]

  it.each(allNames)('%s is named domain:verb', (name) => {
    expect(name).toMatch(CHANNEL_NAME_PATTERN)
  })

  it('rejects names that are not domain:verb', () => {
    for (const name of ['credentials', 'Credentials:status', 'a:b:c', 'a:-b', ':status', 'a_b:c']) {
      expect(name).not.toMatch(CHANNEL_NAME_PATTERN)
    }
  })

  it('lists the same names as the schema tables, with no name used twice', () => {
    expect([...INVOKE_CHANNEL_NAMES].sort()).toEqual(Object.keys(invokeChannels).sort())
    expect([...EVENT_CHANNEL_NAMES].sort()).toEqual(Object.keys(eventChannels).sort())
    expect(new Set(allNames).size).toBe(allNames.length)
  })

  it('recognizes only its own channel names, never prototype members', () => {
    expect(isInvokeChannel('credentials:sign-in')).toBe(true)
    expect(isInvokeChannel('delivery:wake')).toBe(false)
    expect(isEventChannel('delivery:wake')).toBe(true)
    for (const name of ['toString', '__proto__', 'constructor', 42, null, undefined]) {
      expect(isInvokeChannel(name)).toBe(false)
      expect(isEventChannel(name)).toBe(false)
    }
  })

  it('trims the typed address and username, never the password, and names each empty field', () => {
    const parsed = signInRequestSchema.parse({
      baseUrl: '  https://secure.accessacs.com/api_accessacs_mobile/v2 ',
      siteNumber: 12345,
      username: ' jadams ',
      password: ' pass with spaces '
    })
    expect(parsed).toEqual({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      siteNumber: 12345,
      username: 'jadams',
      password: ' pass with spaces ',
      persistWithoutKeychain: false
    })
    const refused = signInRequestSchema.safeParse({ baseUrl: '', siteNumber: 0, username: '' })
    expect(refused.success).toBe(false)
    const paths = refused.error?.issues.map((issue) => issue.path.join('.'))
    expect(paths).toEqual(expect.arrayContaining(['baseUrl', 'siteNumber', 'username', 'password']))
  })

  it('trims the e-mail, never the password, and says how an e-mail should look', () => {
    const parsed = emailSignInRequestSchema.parse({
      baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
      email: ' jadams@practice.example ',
      password: ' secret ',
      siteNumber: 12346
    })
    expect(parsed).toMatchObject({ email: 'jadams@practice.example', password: ' secret ' })
    const refused = emailSignInRequestSchema.safeParse({ ...parsed, email: 'jadams' })
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['email', 'The e-mail address should look like name@example.org']
    ])
  })
})
