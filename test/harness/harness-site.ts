import * as z from 'zod'
import type { faultSettingsSchema } from '../../src/sim/fault-settings'
import {
  PRACTICE_SITE_NUMBER,
  PRACTICE_USERS,
  startPracticeSite,
  type PracticeSite,
  type RecordedChangeRequest
} from '../../src/sim'
import { HarnessError } from './harness-error'
import { startNetworkGate, type NetworkGate } from './network-gate'

/** The body of `POST /_sim/faults` (see the README); every field may be left out. */
export type FaultBody = z.input<typeof faultSettingsSchema>

export interface HarnessSiteOptions {
  seed?: number
  people?: number
  statePath?: string
}

/**
 * The practice site the desk talks to, and the test's own way in. The app reaches it only
 * through the network gate (`appBaseUrl`); the test's requests go straight to it, so they
 * work while the desk is offline.
 */
export interface HarnessSite {
  /** `http://127.0.0.1:PORT` of the site itself: `/_sim/...` lives here. */
  url: string
  /** The API's base URL on the site itself. */
  baseUrl: string
  /** The API's base URL through the gate: what the app signs in to. */
  appBaseUrl: string
  gate: NetworkGate
  /** Replaces the fault settings (`POST /_sim/faults`). */
  setFaults(body: FaultBody): Promise<void>
  clearFaults(): Promise<void>
  /** The fault settings in force (`GET /_sim/faults`), as the site parsed them. */
  faults(): Promise<unknown>
  /** Every change request the site recorded, in order. */
  changeRequests(): Promise<RecordedChangeRequest[]>
  /** GET below `{base}/12345/` as jadams, straight to the site: what the app should see. */
  getJson(path: string): Promise<unknown>
  close(): Promise<void>
}

const recordedSchema = z.array(
  z.object({
    ConnectionCRId: z.int().positive(),
    IdempotencyKey: z.string().nullable(),
    ApplicationId: z.string(),
    SiteNumber: z.int().positive(),
    User: z.string(),
    ReceivedAt: z.string(),
    Body: z.unknown()
  })
)

export async function startHarnessSite(options: HarnessSiteOptions): Promise<HarnessSite> {
  const site: PracticeSite = await startPracticeSite({ port: 0, ...options })
  let gate: NetworkGate
  try {
    gate = await startNetworkGate(site.port)
  } catch (error) {
    await site.close()
    throw error
  }
  const admin = PRACTICE_USERS.find((user) => user.username === 'jadams')
  if (!admin) throw new HarnessError('The practice site has no user jadams')
  const authorization = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${site.url}/_sim/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return readJson(response, `${method} /_sim/${path}`)
  }

  return {
    url: site.url,
    baseUrl: site.baseUrl,
    appBaseUrl: `${gate.url}${new URL(site.baseUrl).pathname}`,
    gate,
    setFaults: async (body) => {
      await control('POST', 'faults', body)
    },
    clearFaults: async () => {
      await control('DELETE', 'faults')
    },
    faults: () => control('GET', 'faults'),
    changeRequests: async () =>
      parseAnswer(
        recordedSchema,
        await control('GET', 'changerequests'),
        'GET /_sim/changerequests'
      ),
    getJson: async (path) => {
      const response = await fetch(`${site.baseUrl}/${PRACTICE_SITE_NUMBER}/${path}`, {
        headers: { Accept: 'application/json', Authorization: authorization }
      })
      return readJson(response, `GET ${path}`)
    },
    close: async () => {
      const results = await Promise.allSettled([gate.close(), site.close()])
      const failures = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason] : []
      )
      if (failures.length > 0) throw new AggregateError(failures, 'The practice site did not stop')
    }
  }
}

async function readJson(response: Response, what: string): Promise<unknown> {
  const text = await response.text()
  if (!response.ok) {
    throw new HarnessError(`${what} answered ${response.status}: ${text.slice(0, 500)}`)
  }
  try {
    return JSON.parse(text)
  } catch {
    throw new HarnessError(`${what} answered text that is not JSON: ${text.slice(0, 200)}`)
  }
}

function parseAnswer<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const problems = parsed.error.issues.map(
    (issue) => `${issue.path.map(String).join('.') || '(the answer)'}: ${issue.message}`
  )
  throw new HarnessError(`${what} answered in an unexpected shape: ${problems.join('; ')}`)
}
