import type { SendItem } from '../../shared/bridge/channels'
import type { DeliveryOutcome } from '../../shared/outbox/delivery-outcome'
import type { Credentials } from '../service-contracts'

/** One delivery attempt as support sees it: what happened, never what was sent. */
export interface AttemptRecord {
  at: string
  item: string
  outcome: DeliveryOutcome['kind']
  status?: number
  ms: number
}

export const KEPT_ATTEMPTS = 50

export interface AttemptJournal {
  record(entry: AttemptRecord): void
  /** The latest attempts, oldest first. */
  recent(): AttemptRecord[]
}

export function createAttemptJournal(limit = KEPT_ATTEMPTS): AttemptJournal {
  const entries: AttemptRecord[] = []
  return {
    record(entry) {
      entries.push(entry)
      if (entries.length > limit) entries.splice(0, entries.length - limit)
    },
    recent: () => entries.map((entry) => ({ ...entry }))
  }
}

interface ChangeRequestClient {
  postChangeRequest(credentials: Credentials, item: SendItem): Promise<DeliveryOutcome>
}

/**
 * The client, with each attempt's outcome kind and status written to the journal. Outcome
 * messages are left out: they may quote the site's answer, which may quote the comment.
 */
export function journalingClient<C extends ChangeRequestClient>(
  client: C,
  journal: AttemptJournal,
  now: () => number = Date.now
): C {
  return {
    ...client,
    async postChangeRequest(credentials: Credentials, item: SendItem) {
      const started = now()
      const outcome = await client.postChangeRequest(credentials, item)
      journal.record({
        at: new Date(started).toISOString(),
        item: item.id,
        outcome: outcome.kind,
        ...('status' in outcome && typeof outcome.status === 'number'
          ? { status: outcome.status }
          : {}),
        ms: Math.max(0, now() - started)
      })
      return outcome
    }
  }
}
