import { expect } from 'vitest'
import type { RecordedChangeRequest } from '$sim/index'
import type { DeliveryWorld } from './delivery-world'

/** Comments carry this marker, so a check can tell a comment's text in a log line. */
export const COMMENT_MARKER = 'private-note'

export function comment(text: string): string {
  return `${COMMENT_MARKER} ${text}`
}

/** No log line of the run holds a password, an Authorization header or a comment. */
export function expectCleanLogs(world: DeliveryWorld, passwords: string[]): void {
  expect(world.logLines.length).toBeGreaterThan(0)
  for (const line of world.logLines) {
    for (const password of passwords) {
      expect(line).not.toContain(password)
      const basic = Buffer.from(`${world.credentials.username}:${password}`).toString('base64')
      expect(line).not.toContain(basic)
    }
    expect(line.toLowerCase()).not.toContain('authorization')
    expect(line).not.toContain(COMMENT_MARKER)
  }
}

/** Every item sent, each recorded exactly once, each receipt naming its record. */
export function expectEachRecordedOnce(
  world: DeliveryWorld,
  recorded: RecordedChangeRequest[],
  ids: string[]
): void {
  const byKey = new Map<string, RecordedChangeRequest[]>()
  for (const entry of recorded) {
    const key = entry.IdempotencyKey ?? '(none)'
    byKey.set(key, [...(byKey.get(key) ?? []), entry])
  }
  for (const id of ids) {
    const item = world.store.get(id)
    expect(item?.state, `${id} state`).toBe('sent')
    const records = byKey.get(item?.idempotencyKey ?? '') ?? []
    expect(records, `${id} records`).toHaveLength(1)
    expect(item?.receipt?.connectionCRId).toBe(records[0]?.ConnectionCRId)
    expect(records[0]?.Body).toEqual(item?.body)
  }
  expect(recorded).toHaveLength(ids.length)
}
