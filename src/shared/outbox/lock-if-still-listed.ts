import type { OutboxItem } from './outbox-item'
import { beginSending } from './outbox-transitions'

/**
 * The lock a store writes for `listed`, given what it holds now: undefined when the stored
 * item changed since it was listed (or is gone), so the newer state is never overwritten.
 */
export function lockIfStillListed(
  stored: OutboxItem | undefined,
  listed: OutboxItem,
  now: number
): OutboxItem | undefined {
  // An edit always takes a new key, even within the same millisecond as the listing.
  const unchanged =
    stored !== undefined &&
    stored.state === listed.state &&
    stored.updatedAt === listed.updatedAt &&
    stored.idempotencyKey === listed.idempotencyKey &&
    stored.nextAttemptAt === listed.nextAttemptAt
  return unchanged ? beginSending(stored, now) : undefined
}
