import type { DeliveryAttempt, OutboxItem } from './outbox-item'

/**
 * Attempts kept per item. An item that waits for days at the 15-minute backoff cap gains
 * about a hundred attempts a day, and every pass of the delivery loop reads the unsent
 * items: so the first attempt (when the trouble began) and the latest ones are kept, and
 * the rest are counted.
 */
export const MAX_KEPT_ATTEMPTS = 50

/** The item's attempts with one more, trimmed to the first and the latest. */
export function withAttempt(
  item: Pick<OutboxItem, 'attempts' | 'attemptsOmitted'>,
  attempt: DeliveryAttempt
): Pick<OutboxItem, 'attempts' | 'attemptsOmitted'> {
  const all = [...item.attempts, attempt]
  const omitted = item.attemptsOmitted ?? 0
  if (all.length <= MAX_KEPT_ATTEMPTS) {
    return omitted > 0 ? { attempts: all, attemptsOmitted: omitted } : { attempts: all }
  }
  const dropped = all.length - MAX_KEPT_ATTEMPTS
  return {
    attempts: [...all.slice(0, 1), ...all.slice(1 + dropped)],
    attemptsOmitted: omitted + dropped
  }
}

/** Every attempt ever made, kept or not. */
export function attemptCount(item: Pick<OutboxItem, 'attempts' | 'attemptsOmitted'>): number {
  return item.attempts.length + (item.attemptsOmitted ?? 0)
}
