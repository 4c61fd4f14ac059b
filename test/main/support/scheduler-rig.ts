import type { DeliveryState, SendItem, WakeReason } from '$shared/bridge/channels'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import { createDeliveryScheduler, type DeliveryScheduler } from '$main/delivery-scheduler'
import type { SiteCredentials } from '$main/service-contracts'
import { siteKeyOf } from '$shared/site-key'
import { completeBody } from '../../shared/support/bodies'
import { createFakeClock, type FakeClock } from './fake-clock'

const SITE = { baseUrl: 'http://127.0.0.1:9/api_accessacs_mobile/v2', siteNumber: 12345 }

/** The site every harness batch belongs to, unless a test names another. */
export const SITE_KEY = siteKeyOf({ ...SITE, practice: false })

export const credentials: SiteCredentials = {
  ...SITE,
  username: 'jadams',
  password: 'password231',
  siteKey: SITE_KEY,
  sameSiteKeys: [SITE_KEY]
}

/** A batch of the harness's site, as the page's loop sends it. */
export function batchOf(items: SendItem[], siteKey = SITE_KEY) {
  return { siteKey, items }
}

export function sendItem(id: string): SendItem {
  return {
    id,
    idempotencyKey: `key-${id}`,
    body: completeBody(10)
  }
}

interface Pending {
  item: SendItem
  answer(outcome: DeliveryOutcome): void
  fail(error: unknown): void
}

/**
 * The scheduler with a fake clock and a client whose answers the test gives one by one,
 * so concurrency and ordering can be watched without a network.
 */
export function schedulerHarness(options: { concurrency?: number; signedIn?: boolean } = {}) {
  const clock: FakeClock = createFakeClock()
  const wakes: WakeReason[] = []
  const states: DeliveryState[] = []
  const pending: Pending[] = []
  let signedIn = options.signedIn ?? true
  let inFlight = 0
  let maxInFlight = 0
  const scheduler: DeliveryScheduler = createDeliveryScheduler({
    client: {
      postChangeRequest(_credentials, item) {
        inFlight++
        maxInFlight = Math.max(maxInFlight, inFlight)
        return new Promise<DeliveryOutcome>((resolve, reject) => {
          pending.push({
            item,
            answer: (outcome) => {
              inFlight--
              resolve(outcome)
            },
            fail: (error) => {
              inFlight--
              reject(error)
            }
          })
        })
      }
    },
    vault: { currentSite: async () => (signedIn ? credentials : null) },
    wake: (reason) => wakes.push(reason),
    onStateChanged: (state) => states.push(state),
    clock,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency })
  })
  return {
    scheduler,
    clock,
    wakes,
    states,
    pending,
    maxInFlight: () => maxInFlight,
    signOut: () => {
      signedIn = false
    },
    signIn: () => {
      signedIn = true
    }
  }
}

/** Lets queued promise callbacks run (the client's requests start asynchronously). */
export async function settle(): Promise<void> {
  for (let round = 0; round < 10; round++) await Promise.resolve()
}

export function accepted(id: number): DeliveryOutcome {
  return { kind: 'accepted', connectionCRId: id, status: 200, idempotencyHonoured: true }
}

export const unauthorized: DeliveryOutcome = {
  kind: 'unauthorized',
  message: 'The site did not accept the username or password'
}
