import { createServer, type Server } from 'node:http'
import { connectionDateOf } from '../shared/change-request'
import { replayApprovals, startAutoApproval } from './approvals'
import { canonicalJson } from './canonical-json'
import { CoalescingFileWriter } from './coalescing-file-writer'
import { ChangeRequestLog } from './change-request-log'
import { ChurchDirectory } from './church-directory'
import { FaultInjector } from './fault-injector'
import { generateChurch } from './generate-church'
import { PendingDelays } from './pending-delays'
import { PRACTICE_SITE_NUMBER, PRACTICE_SITES } from './practice-users'
import { createRequestDoor, ownHosts } from './request-door'
import { createRequestHandler } from './request-handler'
import { PracticeSiteError, PracticeSiteStateError } from './sim-errors'
import type { SiteContext } from './site-context'
import { loadState, stateText } from './state-file'

export {
  PRACTICE_SITE_NUMBER,
  PRACTICE_SITES,
  PRACTICE_USERS,
  SECOND_PRACTICE_SITE_NUMBER,
  type PracticeUser
} from './practice-users'

export const API_BASE_PATH = '/api_accessacs_mobile/v2'
export const DEFAULT_SEED = 1
export const DEFAULT_PEOPLE = 2000
export const MAX_PEOPLE = 1_000_000
/** The second practice site's directory: small, so the two are easy to tell apart. */
export const SECOND_SITE_PEOPLE = 60

export interface PracticeSiteOptions {
  /** Default 0: a free port. */
  port?: number
  /** Default 1; the same seed gives the same church. */
  seed?: number
  /** Default 2,000. */
  people?: number
  /** Keep the change-request log in this file (written atomically: temp file + rename). */
  statePath?: string
  /**
   * Mount the `/_sim/*` control endpoints (default false). Tests, benchmarks and
   * `npm run sim -- --control` ask for them; the app's built-in practice site never does,
   * so nothing on the clerk's computer can reset or fault it.
   */
  controlRoutes?: boolean
  /**
   * `Host` values (`host:port`) answered besides the site's own `127.0.0.1:PORT` and
   * `localhost:PORT`: a relay in front of it. Any other name is refused (DNS rebinding).
   */
  alsoKnownAs?: readonly string[]
  /**
   * Approve every change request that has waited this many seconds (default: never; they
   * wait for `POST /_sim/approve`). The app's built-in practice site sets it, so a clerk in
   * training sees results become applied.
   */
  approveAfterSeconds?: number
}

export interface PracticeSite {
  /** `http://127.0.0.1:PORT` */
  url: string
  /** `http://127.0.0.1:PORT/api_accessacs_mobile/v2` */
  baseUrl: string
  port: number
  /** Stops listening, closes keep-alive sockets, flushes the state file. */
  close(): Promise<void>
}

/** Starts the practice site on 127.0.0.1 (never any other address). */
export async function startPracticeSite(options: PracticeSiteOptions = {}): Promise<PracticeSite> {
  const port = checkedWhole('port', options.port ?? 0, 0, 65_535)
  const statePath = options.statePath
  const saved = statePath === undefined ? undefined : await loadState(statePath)
  const seed = chosen('seed', options.seed, saved?.seed, DEFAULT_SEED, statePath)
  const people = chosen('people', options.people, saved?.people, DEFAULT_PEOPLE, statePath)
  checkedWhole('seed', seed, Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER)
  checkedWhole('people', people, 1, MAX_PEOPLE)

  const today = connectionDateOf(new Date())
  const directories = new Map(
    PRACTICE_SITES.map((practice) => {
      // The second site is a small church of its own, the same for the same seed.
      const recipe =
        practice.siteNumber === PRACTICE_SITE_NUMBER
          ? { seed, people, today }
          : { seed: seed + practice.siteNumber, people: SECOND_SITE_PEOPLE, today }
      return [practice.siteNumber, new ChurchDirectory(generateChurch(recipe), practice)] as const
    })
  )
  const log = new ChangeRequestLog()
  if (saved) log.restore(saved, canonicalJson)

  let serving = false
  const writer =
    statePath === undefined
      ? undefined
      : new CoalescingFileWriter(
          statePath,
          () => stateText(seed, people, log),
          // Before serving, the failure is thrown from here instead; after, close() rethrows it.
          (error) => {
            if (serving) console.error(`The practice site could not save ${statePath}:`, error)
          }
        )
  if (writer) {
    // Writing at once proves the folder is writable and leaves a file a restart can read.
    writer.schedule()
    await writer.flush().catch((error: unknown) => {
      throw new PracticeSiteStateError(
        `The practice site cannot write its state file ${statePath}: ${(error as Error).message}`
      )
    })
  }

  const site: SiteContext = {
    directories,
    log,
    faults: new FaultInjector(),
    changed: () => writer?.schedule()
  }
  replayApprovals(site)
  const approveAfter = options.approveAfterSeconds
  if (approveAfter !== undefined) checkedWhole('approveAfterSeconds', approveAfter, 0, 31_536_000)
  const delays = new PendingDelays()
  // Empty until the port is known: nothing is answered before listen() resolves anyway.
  let hosts: ReadonlySet<string> = new Set()
  const handler = createRequestHandler(site, delays, {
    door: createRequestDoor(() => hosts),
    controlRoutes: options.controlRoutes ?? false
  })
  const server = createServer({ keepAliveTimeout: 5_000 }, handler)
  const boundPort = await listen(server, port)
  hosts = ownHosts(boundPort, options.alsoKnownAs)
  const url = `http://127.0.0.1:${boundPort}`
  serving = true
  const autoApproval =
    approveAfter === undefined ? undefined : startAutoApproval(site, approveAfter)

  let closing: Promise<void> | undefined
  return {
    url,
    baseUrl: `${url}${API_BASE_PATH}`,
    port: boundPort,
    close: () => {
      closing ??= (async () => {
        autoApproval?.stop()
        const stopped = new Promise<void>((resolve) => server.close(() => resolve()))
        server.closeAllConnections()
        delays.cancelAll()
        await stopped
        await writer?.flush()
      })()
      return closing
    }
  }
}

function listen(server: Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const why =
        error.code === 'EADDRINUSE'
          ? `port ${port} is in use; choose another, or 0 for any free port`
          : error.message
      reject(new PracticeSiteError(`The practice site cannot listen on 127.0.0.1: ${why}.`))
    })
    server.listen(port, '127.0.0.1', () => {
      const address = server.address()
      if (address === null || typeof address === 'string') {
        reject(new PracticeSiteError('The practice site did not get a TCP port.'))
        return
      }
      resolve(address.port)
    })
  })
}

/** An explicit option wins, but it may not contradict the state file it continues. */
function chosen(
  name: 'seed' | 'people',
  option: number | undefined,
  fromFile: number | undefined,
  fallback: number,
  statePath: string | undefined
): number {
  if (option !== undefined && fromFile !== undefined && option !== fromFile) {
    throw new PracticeSiteStateError(
      `The state file ${statePath} was made with ${name} ${fromFile}, not ${option}: ` +
        `leave ${name} out to continue it, or use another state file.`
    )
  }
  return option ?? fromFile ?? fallback
}

function checkedWhole(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new PracticeSiteError(
      `The practice site's ${name} must be a whole number from ${min} to ${max}, not ${value}.`
    )
  }
  return value
}
