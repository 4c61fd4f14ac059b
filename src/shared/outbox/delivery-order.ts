import { longestWaitMs } from './backoff'
import { SENDABLE_STATES, UNSENT_STATES, type OutboxItem, type OutboxState } from './outbox-item'

/**
 * Which items may go out, and in what order. Results for one existing connection reach the
 * service in capture order, so an earlier unsent result holds back the later ones of the
 * same connection; new connections (-1) and other connections never wait on each other.
 */

const SENDABLE: ReadonlySet<OutboxState> = new Set(SENDABLE_STATES)
const UNSENT: ReadonlySet<OutboxState> = new Set(UNSENT_STATES)

export interface Blocker {
  /** The earliest unsent result of the same connection. */
  item: OutboxItem
  /** A sentence for the clerk. */
  reason: string
}

export interface PickOptions {
  /** At most this many items (one send batch). */
  limit: number
  /** Only items of this site: credentials are per site. */
  siteKey?: string
}

/** The items the scheduler may send now, by sequence, at most one per existing connection. */
export function pickDueItems(
  items: readonly OutboxItem[],
  now: number,
  options: PickOptions
): OutboxItem[] {
  if (options.limit <= 0) return []
  const heads = earliestUnsentByConnection(items)
  const due = items.filter(
    (item) =>
      (options.siteKey === undefined || item.siteKey === options.siteKey) &&
      SENDABLE.has(item.state) &&
      dueAt(item, now) <= now &&
      isHead(item, heads)
  )
  return due.sort(byCaptureOrder).slice(0, options.limit)
}

/** What holds this item back, or undefined when nothing does. */
export function blockedBy(item: OutboxItem, items: readonly OutboxItem[]): Blocker | undefined {
  if (!isOrdered(item) || !UNSENT.has(item.state)) return undefined
  let earliest: OutboxItem | undefined
  for (const other of items) {
    if (!UNSENT.has(other.state) || !sameConnection(other, item)) continue
    if (byCaptureOrder(other, item) >= 0) continue
    if (!earliest || byCaptureOrder(other, earliest) < 0) earliest = other
  }
  return earliest && { item: earliest, reason: blockReason(earliest) }
}

/** Every blocked item's blocker by item id, in one pass: for lists of thousands of items. */
export function blockersOf(items: readonly OutboxItem[]): Map<string, Blocker> {
  const heads = earliestUnsentByConnection(items)
  const blockers = new Map<string, Blocker>()
  for (const item of items) {
    if (!isOrdered(item) || !UNSENT.has(item.state)) continue
    const head = heads.get(connectionKey(item))
    if (head && head.id !== item.id)
      blockers.set(item.id, { item: head, reason: blockReason(head) })
  }
  return blockers
}

/**
 * When the item may go out, read on the clock `now`. An item with no due time has been due
 * since it was last changed. The state machine never waits longer than `longestWaitMs`, so
 * a due time further ahead was set while the clock was ahead, and the clock has gone back:
 * the item is due now rather than when the clock catches up (days, for a wrong year).
 */
export function dueAt(item: OutboxItem, now: number): number {
  if (item.nextAttemptAt === undefined) return Math.min(item.updatedAt, now)
  return item.nextAttemptAt - now > longestWaitMs(item) ? now : item.nextAttemptAt
}

/**
 * When the scheduler should next wake: the earliest due time among items it could send
 * (blocked items wait for their blocker, not for a clock). Null when nothing is waiting to
 * be sent. Given `now`, due times are read as `dueAt` reads them; without, as stored.
 */
export function nextDueAt(
  items: readonly OutboxItem[],
  options: { siteKey?: string; now?: number } = {}
): number | null {
  const heads = earliestUnsentByConnection(items)
  let earliest: number | null = null
  for (const item of items) {
    if (options.siteKey !== undefined && item.siteKey !== options.siteKey) continue
    if (!SENDABLE.has(item.state) || !isHead(item, heads)) continue
    const due =
      options.now === undefined ? (item.nextAttemptAt ?? item.updatedAt) : dueAt(item, options.now)
    if (earliest === null || due < earliest) earliest = due
  }
  return earliest
}

function blockReason(earlier: OutboxItem): string {
  switch (earlier.state) {
    case 'needs-attention':
      return 'Waiting for an earlier result for this connection, which needs your attention'
    case 'sending':
      return 'Waiting while an earlier result for this connection is being sent'
    case 'unknown-outcome':
      return 'Waiting until an earlier result for this connection is confirmed'
    default:
      return 'Waiting for an earlier result for this connection to be sent first'
  }
}

/** Connection ids are per site, so the site is part of the key. */
function connectionKey(item: OutboxItem): string {
  return `${item.siteKey}#${item.connectionId}`
}

function isOrdered(item: OutboxItem): boolean {
  return item.connectionId > 0
}

function sameConnection(left: OutboxItem, right: OutboxItem): boolean {
  return left.connectionId === right.connectionId && left.siteKey === right.siteKey
}

function isHead(item: OutboxItem, heads: ReadonlyMap<string, OutboxItem>): boolean {
  return !isOrdered(item) || heads.get(connectionKey(item))?.id === item.id
}

function earliestUnsentByConnection(items: readonly OutboxItem[]): Map<string, OutboxItem> {
  const heads = new Map<string, OutboxItem>()
  for (const item of items) {
    if (!isOrdered(item) || !UNSENT.has(item.state)) continue
    const key = connectionKey(item)
    const head = heads.get(key)
    if (!head || byCaptureOrder(item, head) < 0) heads.set(key, item)
  }
  return heads
}

function byCaptureOrder(left: OutboxItem, right: OutboxItem): number {
  return (
    left.sequence - right.sequence ||
    left.capturedAt - right.capturedAt ||
    (left.id < right.id ? -1 : left.id > right.id ? 1 : 0)
  )
}
