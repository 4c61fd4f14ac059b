import { describe, expect, it } from 'vitest'
import { updateFeed } from '$main/updates/feed-url'
import { nextRestartStep } from '$main/updates/restart-gate'
import {
  CHECK_INTERVAL_MS,
  FIRST_CHECK_DELAY_MS,
  nextCheckDelay
} from '$main/updates/update-schedule'

const HOUR = 3_600_000

describe('updateFeed', () => {
  it('is off when nothing is set, and when the setting is empty', () => {
    expect(updateFeed(undefined)).toEqual({ url: null })
    expect(updateFeed('  ')).toEqual({ url: null })
    // An empty setting turns off even the address baked into the build.
    expect(updateFeed('', 'https://it.example.org/desk/')).toEqual({ url: null })
  })

  it('uses the setting, else the build’s address, ending in a slash', () => {
    expect(updateFeed('https://it.example.org/desk')).toEqual({
      url: 'https://it.example.org/desk/'
    })
    expect(updateFeed(undefined, 'https://build.example.org/feed/')).toEqual({
      url: 'https://build.example.org/feed/'
    })
  })

  it.each([
    ['http://it.example.org/desk/', /https:\/\//],
    ['ftp://it.example.org/', /https:\/\//],
    ['https://user:pw@it.example.org/', /user name or password/],
    ['not an address', /not a web address/],
    [42, /must be text/]
  ])('refuses %s, saying why', (setting, why) => {
    const feed = updateFeed(setting)
    expect(feed.url).toBeNull()
    expect(feed.problem).toMatch(why)
  })

  it('accepts plain http only on this computer (a feed served for testing)', () => {
    expect(updateFeed('http://127.0.0.1:8080/feed').url).toBe('http://127.0.0.1:8080/feed/')
  })
})

describe('nextCheckDelay', () => {
  const now = 1_700_000_000_000

  it('checks shortly after start, then every six hours', () => {
    expect(nextCheckDelay(null, now)).toBe(FIRST_CHECK_DELAY_MS)
    expect(nextCheckDelay(now, now)).toBe(CHECK_INTERVAL_MS)
    expect(CHECK_INTERVAL_MS).toBe(6 * HOUR)
    expect(nextCheckDelay(now - 2 * HOUR, now)).toBe(4 * HOUR)
  })

  it('checks at once after sleeping through a due check', () => {
    expect(nextCheckDelay(now - 9 * HOUR, now)).toBe(0)
  })

  it('does not wait longer than the interval when the clock went back', () => {
    expect(nextCheckDelay(now + 5 * HOUR, now)).toBe(CHECK_INTERVAL_MS)
  })
})

describe('nextRestartStep', () => {
  const idle = { busy: false, unsentCount: 0 }

  it('does nothing before an update is downloaded', () => {
    expect(nextRestartStep(false, idle, false).kind).toBe('not-ready')
  })

  it('restarts at once when nothing is unsent or being sent', () => {
    expect(nextRestartStep(true, idle, false)).toEqual({ kind: 'restart' })
  })

  it('asks first when results are unsent, as closing the app does', () => {
    expect(nextRestartStep(true, { busy: false, unsentCount: 3 }, false)).toEqual({
      kind: 'confirm-unsent',
      unsentCount: 3
    })
    expect(nextRestartStep(true, { busy: false, unsentCount: 3 }, true)).toEqual({
      kind: 'restart'
    })
  })

  it('never restarts while a batch is out, even when the clerk agreed', () => {
    for (const confirmed of [false, true]) {
      const step = nextRestartStep(true, { busy: true, unsentCount: 0 }, confirmed)
      expect(step.kind).toBe('wait-for-outbox')
    }
    expect(nextRestartStep(true, { busy: true, unsentCount: 2 }, true).kind).toBe('wait-for-outbox')
  })
})
