import type { RecordedChangeRequest } from '$sim/index'
import type { DriverItem } from './capture-driver-page'

/**
 * Every outbox item set against the practice site's log, matched by Idempotency-Key: what
 * the suites assert on and print. Lists hold item ids (or a sentence, for order breaks).
 */
export interface DeliveryAccount {
  items: number
  /** Distinct existing connections the items were for. */
  connections: number
  newConnectionItems: number
  /** Records of the site that carry one of the items' keys. */
  records: number
  /** Records whose key is none of the items' (another test's, or a bug). */
  foreignRecords: number
  /** Records beyond the first for a key. */
  duplicates: number
  /** Items recorded more than once. */
  duplicatedItems: string[]
  /** Items whose receipt says "possible duplicate". */
  possibleDuplicateMarks: number
  /** Items recorded more than once whose receipt does not say so. */
  unmarkedDuplicates: string[]
  /** Items that are not in the log at all. */
  missing: string[]
  /** Items in any state but `sent`. */
  notSent: string[]
  /** Sent items whose change-request id is not one recorded under their key. */
  receiptMismatches: string[]
  /** Two results for one connection that reached the site out of capture order. */
  orderBreaks: string[]
  attemptsByOutcome: Record<string, number>
}

export function accountFor(
  items: readonly DriverItem[],
  records: readonly RecordedChangeRequest[]
): DeliveryAccount {
  const keys = new Set(items.map((item) => item.idempotencyKey))
  const positions = new Map<string, number[]>()
  const idsByKey = new Map<string, number[]>()
  let foreignRecords = 0
  records.forEach((record, position) => {
    const key = record.IdempotencyKey
    if (key === null || !keys.has(key)) {
      foreignRecords++
      return
    }
    listIn(positions, key).push(position)
    listIn(idsByKey, key).push(record.ConnectionCRId)
  })

  const attemptsByOutcome: Record<string, number> = {}
  for (const item of items) {
    for (const attempt of item.attempts) {
      attemptsByOutcome[attempt.outcome] = (attemptsByOutcome[attempt.outcome] ?? 0) + 1
    }
  }
  const countOf = (item: DriverItem): number => positions.get(item.idempotencyKey)?.length ?? 0
  const duplicated = items.filter((item) => countOf(item) > 1)
  const existing = items.filter((item) => item.connectionId > 0)
  return {
    items: items.length,
    connections: new Set(existing.map((item) => item.connectionId)).size,
    newConnectionItems: items.length - existing.length,
    records: records.length - foreignRecords,
    foreignRecords,
    duplicates: duplicated.reduce((sum, item) => sum + countOf(item) - 1, 0),
    duplicatedItems: duplicated.map((item) => item.id),
    possibleDuplicateMarks: items.filter((item) => item.receipt?.possibleDuplicate).length,
    unmarkedDuplicates: duplicated
      .filter((item) => !item.receipt?.possibleDuplicate)
      .map((item) => item.id),
    missing: items.filter((item) => countOf(item) === 0).map((item) => item.id),
    notSent: items.filter((item) => item.state !== 'sent').map((item) => item.id),
    receiptMismatches: items
      .filter(
        (item) =>
          item.receipt !== undefined &&
          !(idsByKey.get(item.idempotencyKey) ?? []).includes(item.receipt.connectionCRId)
      )
      .map((item) => item.id),
    orderBreaks: orderBreaksOf(existing, positions),
    attemptsByOutcome
  }
}

/**
 * For each connection, every record of an earlier result must come before the first
 * record of the next one: the app holds a result back until the one before it is sent.
 */
function orderBreaksOf(
  existing: readonly DriverItem[],
  positions: ReadonlyMap<string, number[]>
): string[] {
  const byConnection = new Map<number, DriverItem[]>()
  for (const item of existing) {
    listIn(byConnection, item.connectionId).push(item)
  }
  const breaks: string[] = []
  for (const [connectionId, list] of byConnection) {
    const recorded = list
      .sort((left, right) => left.sequence - right.sequence)
      .filter((item) => positions.has(item.idempotencyKey))
    for (let index = 1; index < recorded.length; index++) {
      const earlier = recorded[index - 1] as DriverItem
      const later = recorded[index] as DriverItem
      const lastOfEarlier = Math.max(...(positions.get(earlier.idempotencyKey) ?? []))
      const firstOfLater = Math.min(...(positions.get(later.idempotencyKey) ?? []))
      if (lastOfEarlier > firstOfLater) {
        breaks.push(
          `connection ${connectionId}: #${later.sequence} was recorded (log position ${firstOfLater}) before #${earlier.sequence} (${lastOfEarlier})`
        )
      }
    }
  }
  return breaks
}

function listIn<K, V>(map: Map<K, V[]>, key: K): V[] {
  let list = map.get(key)
  if (!list) {
    list = []
    map.set(key, list)
  }
  return list
}
