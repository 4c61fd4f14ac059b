import { expect } from 'vitest'
import type { SiteOutbox } from './two-site-world'

/**
 * Every item's account is true: no site but its own recorded it; marked sent, its own site
 * recorded it under the receipt's number; still unsent and never uncertain, nobody did.
 */
export async function expectTrueAccount(outboxes: readonly SiteOutbox[]): Promise<void> {
  const logs = await Promise.all(outboxes.map((outbox) => outbox.fixture.changeRequests()))
  outboxes.forEach((outbox, index) => {
    for (const item of outbox.store.all()) {
      logs.forEach((log, other) => {
        const copies = log.filter((record) => record.IdempotencyKey === item.idempotencyKey)
        if (other !== index) {
          expect(copies, `${item.id} of site ${index} posted to site ${other}`).toEqual([])
        } else if (item.state === 'sent') {
          expect(copies.map((record) => record.ConnectionCRId)).toContain(
            item.receipt?.connectionCRId
          )
        } else if (!item.uncertain) {
          expect(copies, `${item.id} is ${item.state} but its site recorded it`).toEqual([])
        }
      })
    }
  })
}
