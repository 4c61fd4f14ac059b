/**
 * Clerks copy dates from paper cards as they are written ("3/9/2025", "03-09-2025"); the API
 * wants `MM/DD/YYYY`. Anything that is not clearly month, day and year is left as typed, so
 * the shared schema names the problem.
 */
export function normalizeDateInput(text: string): string {
  const trimmed = text.trim()
  const match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(trimmed)
  if (!match) return trimmed
  return `${match[1]!.padStart(2, '0')}/${match[2]!.padStart(2, '0')}/${match[3]}`
}
