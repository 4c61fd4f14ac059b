import { describe, expect, it } from 'vitest'
import {
  connectionDateOf,
  connectionDateOrdinal,
  parseConnectionDate
} from '$shared/change-request'
import { SEED_EXAMPLE, expectAccepted, expectRejected } from '../support/bodies'

const MESSAGE = 'Connection date must be a real date written MM/DD/YYYY'

describe('ConnectionDate', () => {
  it.each([
    ['06/05/2015', 'the seed example'],
    ['02/29/2024', 'a leap day'],
    ['02/29/2000', 'a leap day in a year divisible by 400'],
    ['12/31/9999', 'the last day there is'],
    ['01/01/0001', 'the first day there is'],
    ['04/30/2025', 'the last day of a 30-day month'],
    ['01/31/2025', 'the last day of a 31-day month']
  ])('accepts %s (%s)', (date) => {
    expectAccepted({ ...SEED_EXAMPLE, ConnectionDate: date })
  })

  it.each([
    ['02/30/2025', 'a day February never has'],
    ['02/29/2023', 'a leap day in a common year'],
    ['02/29/1900', 'a leap day in a century year not divisible by 400'],
    ['04/31/2025', 'the 31st of a 30-day month'],
    ['13/01/2025', 'month 13'],
    ['00/10/2025', 'month 0'],
    ['01/00/2025', 'day 0'],
    ['01/32/2025', 'day 32'],
    ['2/5/2025', 'one-digit month and day'],
    ['02/05/25', 'a two-digit year'],
    ['02/05/02025', 'a five-digit year'],
    ['01/01/0000', 'year 0'],
    ['2025-02-05', 'ISO order'],
    ['05/02/2025 ', 'a trailing space'],
    [' 05/02/2025', 'a leading space'],
    ['05-02-2025', 'dashes'],
    ['05/02/2025T00:00', 'a time'],
    ['０５/０２/２０２５', 'full-width digits'],
    ['', 'nothing'],
    ['today', 'a word']
  ])('rejects %j (%s)', (date) => {
    expectRejected({ ...SEED_EXAMPLE, ConnectionDate: date }, 'ConnectionDate', MESSAGE)
  })
})

describe('connection date helpers', () => {
  it('connectionDateOf gives the clerk’s local calendar day', () => {
    expect(connectionDateOf(new Date(2024, 1, 29, 23, 30))).toBe('02/29/2024')
    expect(connectionDateOf(new Date(5, 0, 2))).toMatch(/^01\/02\/\d{4}$/)
  })

  it('parseConnectionDate reads the parts', () => {
    expect(parseConnectionDate('06/05/2015')).toEqual({ year: 2015, month: 6, day: 5 })
    expect(parseConnectionDate('02/30/2015')).toBeUndefined()
  })

  it('ordinals count days, across month, year and leap boundaries', () => {
    const day = (text: string): number => {
      const ordinal = connectionDateOrdinal(text)
      if (ordinal === undefined) throw new Error(`${text} should be a date`)
      return ordinal
    }
    expect(day('01/01/1970')).toBe(0)
    expect(day('03/01/2024') - day('02/28/2024')).toBe(2)
    expect(day('03/01/2023') - day('02/28/2023')).toBe(1)
    expect(day('01/01/2025') - day('12/31/2024')).toBe(1)
    expect(day('01/01/0050') - day('12/31/0049')).toBe(1)
    expect(connectionDateOrdinal('13/01/2024')).toBeUndefined()
  })
})
