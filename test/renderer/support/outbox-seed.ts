import type { SiteStates } from '$renderer/state/site-states'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { seedItem } from './screen-helpers'

const MINUTE = 60_000

export interface SeededOutbox {
  waiting: OutboxItem
  attention: OutboxItem
  unknown: OutboxItem
  blocked: OutboxItem
  sending: OutboxItem
}

/**
 * An outbox after a morning with a bad line: a result waiting for its next try, one
 * refused by Access ACS, one whose answer was lost, one held back behind the refused one,
 * and one going out right now.
 */
export async function seedOutbox(site: SiteStates, now = Date.now()): Promise<SeededOutbox> {
  const waiting = await seedItem(
    site,
    {
      connectionId: 101,
      contactName: 'Ann Lee',
      comment: 'Left a voicemail about the youth group.'
    },
    (item) => ({
      ...item,
      capturedAt: now - 50 * MINUTE,
      state: 'waiting',
      nextAttemptAt: now + 12 * MINUTE,
      attempts: [
        {
          at: now - 3 * MINUTE,
          outcome: 'retryable',
          status: 503,
          message: 'Access ACS is busy (503); it will be tried again.'
        }
      ]
    })
  )
  const attention = await seedItem(
    site,
    {
      connectionId: 104,
      contactName: 'Bob Stone',
      comment: 'Spoke with Bob; will visit on Sunday.'
    },
    (item) => ({
      ...item,
      capturedAt: now - 35 * MINUTE,
      state: 'needs-attention',
      attention: {
        status: 400,
        message: 'Access ACS refused this result: the response is not valid for this type.',
        fieldErrors: { ResponseIdList: ['Response 31 does not belong to First-time guest.'] }
      },
      attempts: [
        {
          at: now - 20 * MINUTE,
          outcome: 'rejected',
          status: 400,
          message: 'The request is invalid.'
        }
      ]
    })
  )
  const unknown = await seedItem(
    site,
    {
      connectionId: 102,
      contactName: 'Peggy Okafor',
      typeName: 'Hospital visit',
      comment: 'Visited after surgery; recovering well.'
    },
    (item) => ({
      ...item,
      capturedAt: now - 20 * MINUTE,
      state: 'unknown-outcome',
      uncertain: true,
      nextAttemptAt: now + 4 * MINUTE,
      attempts: [
        {
          at: now - 6 * MINUTE,
          outcome: 'no-answer',
          message: 'The line dropped after the result was sent; no answer came.'
        }
      ]
    })
  )
  const blocked = await seedItem(
    site,
    { connectionId: 104, contactName: 'Bob Stone', comment: 'Second call: confirmed the visit.' },
    (item) => ({ ...item, capturedAt: now - 10 * MINUTE })
  )
  const sending = await seedItem(
    site,
    { connectionId: 105, contactName: 'Grace Nguyen', typeName: 'Prayer request' },
    (item) => ({
      ...item,
      capturedAt: now - 2 * MINUTE,
      state: 'sending',
      stateBeforeSending: 'queued'
    })
  )
  return { waiting, attention, unknown, blocked, sending }
}
