/** How often a running app asks the feed for a new version. */
export const CHECK_INTERVAL_MS = 6 * 60 * 60 * 1000
/** The first check waits this long, so it never slows the clerk's first screen. */
export const FIRST_CHECK_DELAY_MS = 15_000

/**
 * How long until the next check: shortly after start, then every six hours from the last
 * one. A computer that slept through a due check is checked at once when it wakes.
 */
export function nextCheckDelay(lastCheckAt: number | null, now: number): number {
  if (lastCheckAt === null) return FIRST_CHECK_DELAY_MS
  const due = lastCheckAt + CHECK_INTERVAL_MS
  // A clock moved back would otherwise postpone the next check by the difference.
  if (now < lastCheckAt) return CHECK_INTERVAL_MS
  return Math.max(0, due - now)
}
