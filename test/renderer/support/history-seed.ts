import type { SiteStates } from '$renderer/state/site-states'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { seedItem } from './screen-helpers'

const MINUTE = 60_000
const DAY = 24 * 60 * MINUTE

interface SentSeed {
  connectionId: number
  contactName: string
  typeName: string
  comment: string
  crId: number
  /** Minutes before `now` the receipt came. */
  minutesAgo: number
  possibleDuplicate?: boolean
}

const SENT: SentSeed[] = [
  {
    connectionId: 103,
    contactName: 'Samuel Ortiz',
    typeName: 'Membership class',
    comment: 'Signed up for the spring class.',
    crId: 4711,
    minutesAgo: 95
  },
  {
    connectionId: 107,
    contactName: 'Esther Bailey',
    typeName: 'Hospital visit',
    comment: 'Visited; home next week.',
    crId: 4712,
    minutesAgo: 60,
    possibleDuplicate: true
  },
  {
    connectionId: 110,
    contactName: 'Ruth Mensah',
    typeName: 'Prayer request',
    comment: 'Prayed together on the phone.',
    crId: 4713,
    minutesAgo: 25
  },
  {
    connectionId: 109,
    contactName: 'David Kim',
    typeName: 'First-time guest',
    comment: 'Welcome letter sent.',
    crId: 4698,
    minutesAgo: DAY / MINUTE + 30
  }
]

/**
 * Results Access ACS has answered with a change-request id: three this morning (one whose
 * earlier try may also have arrived) and one from yesterday.
 */
export async function seedHistory(site: SiteStates, now = Date.now()): Promise<OutboxItem[]> {
  const items: OutboxItem[] = []
  for (const seed of SENT) {
    items.push(
      await seedItem(
        site,
        {
          connectionId: seed.connectionId,
          contactName: seed.contactName,
          typeName: seed.typeName,
          comment: seed.comment
        },
        (item) => ({
          ...item,
          state: 'sent',
          uncertain: seed.possibleDuplicate ?? false,
          receipt: {
            connectionCRId: seed.crId,
            at: now - seed.minutesAgo * MINUTE,
            possibleDuplicate: seed.possibleDuplicate ?? false
          }
        })
      )
    )
  }
  await site.history.load()
  return items
}
