import * as z from 'zod'
import type { PracticeSiteRelay } from '../../src/main/practice-site-host'
import type { faultSettingsSchema } from '../../src/sim/fault-settings'
import {
  API_BASE_PATH,
  PRACTICE_SITE_NUMBER,
  PRACTICE_USERS,
  type RecordedChangeRequest
} from '../../src/sim'
import { HarnessError } from './harness-error'
import { startNetworkGate, type NetworkGate } from './network-gate'

/** The body of `POST /_sim/faults` (see the README); every field may be left out. */
export type FaultBody = z.input<typeof faultSettingsSchema>

/**
 * The test's window onto the practice site the app runs. Each app run starts the app's own
 * practice-site host (a new port, the same state file), behind its own network gate; this
 * object outlives the runs and always speaks to the current one. The app reaches the site
 * only through the gate (`appBaseUrl`); the test's requests go straight to the site (its
 * `/_sim/*` control endpoints are mounted for the harness), so they work while offline.
 */
export interface HarnessSite {
  /** `http://127.0.0.1:PORT` of the running site itself: `/_sim/...` lives here. */
  readonly url: string
  /** The API's base URL on the running site itself. */
  readonly baseUrl: string
  /** The API's base URL through this run's gate: the practice site's address in the app. */
  readonly appBaseUrl: string
  /** This run's gate. */
  readonly gate: NetworkGate
  /** The app has started this run's site (the harness does at launch, unless told not to). */
  isRunning(): boolean
  /**
   * Replaces the fault settings (`POST /_sim/faults`). They are set again on the site of
   * each later run, with fresh dice: the app's restart does not end the test's faults.
   */
  setFaults(body: FaultBody): Promise<void>
  clearFaults(): Promise<void>
  /** The fault settings in force (`GET /_sim/faults`), as the site parsed them. */
  faults(): Promise<unknown>
  /** Every change request the site recorded, in order (kept across runs by its state file). */
  changeRequests(): Promise<RecordedChangeRequest[]>
  /** GET below `{base}/12345/` as jadams, straight to the site: what the app should see. */
  getJson(path: string): Promise<unknown>
  /**
   * Puts an HTTP front (on 127.0.0.1) between the gate and the site, or takes it away
   * (undefined). The front passes requests on to `url` with their `Host` unchanged.
   */
  routeThrough(frontPort: number | undefined): void
}

/** launchDesk's handle on the runs: not for tests. */
export interface HarnessSiteRuns {
  site: HarnessSite
  /** A gate for a new app run, open or not; its relay is handed to the practice-site host. */
  openRun(online: boolean): Promise<PracticeSiteRelay>
  /** The run's host has stopped: closes its gate. */
  endRun(): Promise<void>
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

export function createHarnessSite(options: { faults?: FaultBody } = {}): HarnessSiteRuns {
  const admin = PRACTICE_USERS.find((user) => user.username === 'jadams')
  if (!admin) throw new HarnessError('The practice site has no user jadams')
  const authorization = `Basic ${Buffer.from(`${admin.username}:${admin.password}`).toString('base64')}`

  let gate: NetworkGate | undefined
  let sitePort: number | undefined
  let frontPort: number | undefined
  let faults = options.faults

  function currentGate(): NetworkGate {
    if (!gate) throw new HarnessError('The desk is between runs: there is no network gate now')
    return gate
  }

  function siteUrl(): string {
    if (sitePort === undefined) {
      throw new HarnessError(
        'The practice site is not running: the app has not started it in this run'
      )
    }
    return `http://127.0.0.1:${sitePort}`
  }

  async function control(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${siteUrl()}/_sim/${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) })
    })
    return readJson(response, `${method} /_sim/${path}`)
  }

  const site: HarnessSite = {
    get url() {
      return siteUrl()
    },
    get baseUrl() {
      return `${siteUrl()}${API_BASE_PATH}`
    },
    get appBaseUrl() {
      return `${currentGate().url}${API_BASE_PATH}`
    },
    get gate() {
      return currentGate()
    },
    isRunning: () => sitePort !== undefined,
    setFaults: async (body) => {
      faults = body
      if (sitePort !== undefined) await control('POST', 'faults', body)
    },
    clearFaults: async () => {
      faults = undefined
      if (sitePort !== undefined) await control('DELETE', 'faults')
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
    routeThrough(port) {
      frontPort = port
      gate?.setTarget(frontPort ?? sitePort)
    }
  }

  async function endRun(): Promise<void> {
    const ending = gate
    gate = undefined
    sitePort = undefined
    await ending?.close()
  }

  return {
    site,
    async openRun(online) {
      if (gate) throw new HarnessError('The previous run’s gate is still open')
      const opened = await startNetworkGate({ open: online })
      gate = opened
      return {
        origin: opened.url,
        async attach(port) {
          sitePort = port
          opened.setTarget(frontPort ?? port)
          if (faults !== undefined) await control('POST', 'faults', faults)
        }
      }
    },
    endRun,
    close: endRun
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
