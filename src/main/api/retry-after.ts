/**
 * A `Retry-After` header (delay in seconds, or an HTTP date) as milliseconds from `now`.
 * Undefined when absent or unreadable. Capped: a site asking for a week's pause should
 * not silently park the clerk's work that long.
 */
export const MAX_RETRY_AFTER_MS = 24 * 60 * 60 * 1000

export function retryAfterMs(header: string | undefined, now: number): number | undefined {
  if (header === undefined) return undefined
  const text = header.trim()
  if (/^\d+$/.test(text)) return Math.min(Number(text) * 1000, MAX_RETRY_AFTER_MS)
  // Only the forms of an HTTP date: plain numbers or words must not parse as dates.
  if (!/^[A-Za-z]{3,9},? /.test(text)) return undefined
  const at = Date.parse(text)
  if (Number.isNaN(at)) return undefined
  return Math.min(Math.max(at - now, 0), MAX_RETRY_AFTER_MS)
}
