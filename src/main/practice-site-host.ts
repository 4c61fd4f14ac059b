import { DeskError, messageOf } from '../shared/errors'
import type { PracticeSite } from '../sim/practice-site'
import { PRACTICE_SITE_NUMBER, PRACTICE_USERS } from '../sim/practice-users'
import { lazyModule } from './lazy-module'
import type { PracticeSignIn, PracticeSiteHost } from './service-contracts'

export interface PracticeSiteHostOptions {
  /**
   * Where the practice site keeps its change requests between runs of the app (index.ts:
   * the app's data folder). Left out only by the benchmarks, whose site must not spend
   * their measured time writing its log.
   */
  statePath: string | undefined
  seed?: number
  people?: number
  /**
   * Tests only: mount the `/_sim/*` control endpoints. The app never sets it, so nothing
   * else on the clerk's computer can reset the practice site or inject faults into it.
   */
  controlRoutes?: boolean
  /**
   * The practice site's administrator approves each change request after this many seconds
   * (the app: PRACTICE_APPROVE_AFTER_SECONDS); left out, they wait for `POST /_sim/approve`.
   */
  approveAfterSeconds?: number
  /** Tests only: the app reaches the site through this relay (the harness's network gate). */
  relay?: PracticeSiteRelay
}

/**
 * A loopback relay in front of the practice site. Its address is what the app signs in to
 * and sends to, so the site answers requests addressed to it (`Host`) as to itself.
 */
export interface PracticeSiteRelay {
  /** `http://127.0.0.1:PORT`, known before the site starts. */
  origin: string
  /** The site listens on this port now; called at every start, before anything is sent. */
  attach(sitePort: number): Promise<void>
}

/**
 * The built-in practice site approves every result a minute after it arrives, so a clerk in
 * training sees it become "applied" at the next check (docs/practice-site.md).
 */
export const PRACTICE_APPROVE_AFTER_SECONDS = 60

/** The seed's example user: a System Administrator, so every practice entry goes through. */
const PRACTICE_USERNAME = 'jadams'

/**
 * The practice site's code, imported when first started: most clerks never use it, and the
 * app's start must not pay for it (bench/RESULTS.md, main-start). A failed import says what
 * to do, as every lazily loaded module does.
 */
const loadPracticeSite = lazyModule('the practice site', () => import('../sim/practice-site'))

/**
 * Runs the practice site inside the main process, on 127.0.0.1 and a free port, so a
 * volunteer can train without the church's real data. Started once; later calls share it.
 * The port is new at every start of the app, so nothing stored may hold it: the address
 * is asked of this host each time (address(), or start() when it may not be running yet).
 */
export function createPracticeSiteHost(options: PracticeSiteHostOptions): PracticeSiteHost {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === PRACTICE_USERNAME)
  let starting: Promise<RunningSite> | undefined
  let running: RunningSite | undefined

  async function launch(): Promise<RunningSite> {
    if (!user) {
      throw new DeskError(`The practice site has no user ${PRACTICE_USERNAME} to sign in as`)
    }
    const relay = options.relay
    const { API_BASE_PATH, startPracticeSite } = await loadPracticeSite()
    const site = await startPracticeSite({
      port: 0,
      ...(options.statePath === undefined ? {} : { statePath: options.statePath }),
      controlRoutes: options.controlRoutes ?? false,
      ...(relay ? { alsoKnownAs: [new URL(relay.origin).host] } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      ...(options.people === undefined ? {} : { people: options.people }),
      ...(options.approveAfterSeconds === undefined
        ? {}
        : { approveAfterSeconds: options.approveAfterSeconds })
    })
    try {
      await relay?.attach(site.port)
    } catch (error) {
      await site.close()
      throw error
    }
    const signIn: PracticeSignIn = {
      baseUrl: relay ? `${relay.origin}${API_BASE_PATH}` : site.baseUrl,
      username: user.username,
      password: user.password,
      siteNumber: PRACTICE_SITE_NUMBER
    }
    return { site, signIn }
  }

  return {
    async start() {
      const launching = (starting ??= launch().then(
        (started) => {
          // A stop() meanwhile let go of this start: it is not the running site.
          if (starting === launching) running = started
          return started
        },
        (error: unknown) => {
          // A failed start (an unwritable state file, say) may be retried after the fix.
          if (starting === launching) starting = undefined
          const why = messageOf(error)
          throw new DeskError(`The practice site could not start: ${why}`)
        }
      ))
      return (await launching).signIn
    },

    address() {
      return running?.signIn.baseUrl ?? null
    },

    async stop() {
      const pending = starting
      starting = undefined
      running = undefined
      if (!pending) return
      // A site that never started has nothing to close; its error went to start()'s caller.
      const started = await pending.catch(() => undefined)
      await started?.site.close()
    }
  }
}

interface RunningSite {
  site: PracticeSite
  signIn: PracticeSignIn
}
