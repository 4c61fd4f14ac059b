import { describe, expect, it } from 'vitest'
import { MAX_RETRY_AFTER_MS, retryAfterMs } from '$main/api/retry-after'

const now = Date.UTC(2025, 2, 14, 12, 0, 0)

describe('retryAfterMs', () => {
  it.each([
    [undefined, undefined],
    ['', undefined],
    ['0', 0],
    ['1', 1000],
    [' 120 ', 120_000],
    ['-5', undefined],
    ['1.5', undefined],
    ['soon', undefined],
    ['99999999', MAX_RETRY_AFTER_MS],
    ['Fri, 14 Mar 2025 12:00:30 GMT', 30_000],
    ['Friday, 14-Mar-25 12:01:00 GMT', 60_000],
    ['Fri, 14 Mar 2025 11:00:00 GMT', 0],
    ['Fri, 99 Foo 2025 12:00:30 GMT', undefined],
    ['Sat, 14 Mar 2026 12:00:00 GMT', MAX_RETRY_AFTER_MS]
  ])('reads %j as %j ms', (header, expected) => {
    expect(retryAfterMs(header, now)).toBe(expected)
  })
})
