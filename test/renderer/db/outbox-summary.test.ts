import { afterEach, describe, expect, it } from 'vitest'
import { OutboxRepository } from '$renderer/db/outbox-repository'
import { applyOutcome, beginSending } from '$shared/outbox/outbox-transitions'
import { freshDatabase } from '../support/test-databases'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'

const cleanups: Array<() => Promise<void>> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
})

describe('OutboxRepository.summary', () => {
  it('counts items by state and names the oldest unsent capture, nothing else', async () => {
    const { db, cleanup } = await freshDatabase()
    cleanups.push(cleanup)
    let now = 1_700_000_000_000
    const repository = new OutboxRepository(db, { now: () => now })
    const first = await repository.capture(keepOpenBody(1), summaryOf('Ann Lee'), 'clerk')
    now += 60_000
    const second = await repository.capture(keepOpenBody(2), summaryOf('Bo Chan'), 'clerk')
    await repository.capture(keepOpenBody(3), summaryOf('Cy Dee'), 'clerk')
    // The oldest is sent: the oldest unsent is the second.
    const sent = applyOutcome(
      beginSending(first, now),
      { kind: 'accepted', connectionCRId: 77, status: 200, idempotencyHonoured: true },
      now
    )
    await repository.saveAll([sent])
    await repository.discard(second.id)

    const summary = await repository.summary()
    expect(summary.countsByState).toEqual({
      queued: 1,
      sending: 0,
      sent: 1,
      waiting: 0,
      'needs-attention': 0,
      'unknown-outcome': 0,
      discarded: 1
    })
    expect(summary.oldestUnsentAt).toBe(now)
    expect(JSON.stringify(summary)).not.toContain('Cy Dee')
  })
})
