const CONNECTION_DATE_PATTERN = /^(\d{2})\/(\d{2})\/(\d{4})$/

export const CONNECTION_DATE_FORMAT = 'MM/DD/YYYY'

/** True for `MM/DD/YYYY` strings naming a day that exists (leap years included). */
export function isConnectionDate(text: string): boolean {
  return parseConnectionDate(text) !== undefined
}

export interface CalendarDay {
  year: number
  month: number
  day: number
}

export function parseConnectionDate(text: string): CalendarDay | undefined {
  const match = CONNECTION_DATE_PATTERN.exec(text)
  if (!match) return undefined
  const month = Number(match[1])
  const day = Number(match[2])
  const year = Number(match[3])
  if (year < 1 || month < 1 || month > 12 || day < 1) return undefined
  if (day > daysInMonth(year, month)) return undefined
  return { year, month, day }
}

export function formatConnectionDate(day: CalendarDay): string {
  const pad = (value: number, width: number): string => String(value).padStart(width, '0')
  return `${pad(day.month, 2)}/${pad(day.day, 2)}/${pad(day.year, 4)}`
}

/** The clerk's local calendar day: a result entered at 11 pm is dated that evening. */
export function connectionDateOf(moment: Date): string {
  return formatConnectionDate({
    year: moment.getFullYear(),
    month: moment.getMonth() + 1,
    day: moment.getDate()
  })
}

/** Days since the epoch, for comparing and sorting `MM/DD/YYYY` dates. */
export function connectionDateOrdinal(text: string): number | undefined {
  const day = parseConnectionDate(text)
  if (!day) return undefined
  const moment = new Date(0)
  // setUTCFullYear, unlike Date.UTC, does not read years below 100 as 19xx.
  moment.setUTCFullYear(day.year, day.month - 1, day.day)
  return Math.round(moment.getTime() / 86_400_000)
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
}
