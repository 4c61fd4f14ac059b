import { describe, expect, it } from 'vitest'
import { mergeSaved } from '$shared/outbox/merge-saved'
import { countByConnection } from '$renderer/state/unsent-list'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { applyOutcome, beginSending, createOutboxItem } from '$shared/outbox/outbox-transitions'
import { keepOpenBody, newConnectionBody, summaryOf } from '../../shared/support/outbox-fixtures'

function item(sequence: number, connectionId: number): OutboxItem {
  return createOutboxItem({
    id: `item-${sequence}`,
    idempotencyKey: `key-${sequence}`,
    siteKey: 'https://a.example/v2#1',
    capturedBy: 'clerk',
    sequence,
    capturedAt: sequence,
    body: connectionId > 0 ? keepOpenBody(connectionId) : newConnectionBody(),
    summary: summaryOf(`Person ${sequence}`)
  })
}

describe('mergeSaved', () => {
  it('updates, adds in capture order, drops what was sent, and counts settled items', () => {
    const [one, two, three] = [item(1, 5), item(2, 6), item(3, 5)]
    const locked = [beginSending(one, 0), beginSending(two, 0)]
    const afterLock = mergeSaved([one, two], locked)
    expect(afterLock).toEqual({ items: locked, settled: 0 })

    const accepted = {
      kind: 'accepted' as const,
      connectionCRId: 1,
      status: 200,
      idempotencyHonoured: true
    }
    const busy = { kind: 'retryable' as const, message: 'busy' }
    const answered = [applyOutcome(locked[0]!, accepted, 1), applyOutcome(locked[1]!, busy, 1)]
    const merged = mergeSaved(afterLock.items, [three, ...answered])
    expect(merged.settled).toBe(2)
    expect(merged.items.map((entry) => [entry.id, entry.state])).toEqual([
      ['item-2', 'waiting'],
      ['item-3', 'queued']
    ])
  })
})

describe('countByConnection', () => {
  it('counts unsent results per existing connection, not new connections', () => {
    const counts = countByConnection([item(1, 5), item(2, 5), item(3, 6), item(4, -1)])
    expect([...counts.entries()]).toEqual([
      [5, 2],
      [6, 1]
    ])
  })
})
