import type { DeliveryAttempt, OutboxItem } from './outbox-item'

/** Retry timing. Waits grow with each consecutive failure but never stop: no item is given up. */
export const BACKOFF_BASE_MS = 2_000
/** Longest wait between two tries, so a result goes out soon after the line comes back. */
export const BACKOFF_CAP_MS = 15 * 60_000
/** Even the luckiest jitter waits this long, so a flapping line is not hammered. */
export const BACKOFF_FLOOR_MS = 500
/** A Retry-After beyond this is treated as this: a misconfigured server cannot park an item. */
export const RETRY_AFTER_CAP_MS = 60 * 60_000

/** Past 2^30 the ceiling is long since capped; stopping here keeps the number finite. */
const MAX_EXPONENT = 30

/** Outcomes after which the item will be tried again on its own. */
const RETRYING_OUTCOMES: ReadonlySet<DeliveryAttempt['outcome']> = new Set([
  'retryable',
  'no-answer'
])

/** The largest wait the backoff may pick after `failures` consecutive failures (1 or more). */
export function backoffCeilingMs(failures: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), MAX_EXPONENT)
  return Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** exponent)
}

/**
 * Full jitter between the floor and the ceiling. The "random" share comes from a hash of the
 * item and attempt number, so the state machine stays a pure function of its inputs while
 * items that failed together still spread out when they retry.
 */
export function backoffDelayMs(itemId: string, attemptNumber: number, failures: number): number {
  const ceiling = backoffCeilingMs(failures)
  const share = jitterShare(`${itemId}#${attemptNumber}`)
  return Math.round(BACKOFF_FLOOR_MS + share * (ceiling - BACKOFF_FLOOR_MS))
}

/** The wait before the next try: the backoff, or longer when the service asked for it. */
export function retryDelayMs(input: {
  itemId: string
  attemptNumber: number
  failures: number
  retryAfterMs?: number
}): number {
  const backoff = backoffDelayMs(input.itemId, input.attemptNumber, input.failures)
  const asked = Math.min(input.retryAfterMs ?? 0, RETRY_AFTER_CAP_MS)
  return Math.max(backoff, Number.isFinite(asked) ? asked : 0)
}

/**
 * The longest wait the state machine can have set for this item: only the service's
 * Retry-After may go past the backoff cap, so only an item waiting on the service (or an
 * older record, whose cause is unknown) may wait up to the Retry-After cap. A due time
 * further ahead than this was set while the clock was ahead, and the clock has gone back.
 */
export function longestWaitMs(item: Pick<OutboxItem, 'state' | 'waitingFor'>): number {
  return item.state === 'waiting' && item.waitingFor !== 'network'
    ? RETRY_AFTER_CAP_MS
    : BACKOFF_CAP_MS
}

/** How many attempts in a row, counted from the latest, ended in "try again later". */
export function consecutiveFailures(attempts: readonly DeliveryAttempt[]): number {
  let count = 0
  for (let index = attempts.length - 1; index >= 0; index--) {
    const attempt = attempts[index]
    if (!attempt || !RETRYING_OUTCOMES.has(attempt.outcome)) break
    count++
  }
  return count
}

/** A number in [0, 1) from FNV-1a followed by murmur3's finalizer, which spreads close inputs. */
export function jitterShare(text: string): number {
  let hash = 0x811c9dc5
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index)
    hash = Math.imul(hash, 0x01000193)
  }
  hash ^= hash >>> 16
  hash = Math.imul(hash, 0x85ebca6b)
  hash ^= hash >>> 13
  hash = Math.imul(hash, 0xc2b2ae35)
  hash ^= hash >>> 16
  return (hash >>> 0) / 2 ** 32
}
