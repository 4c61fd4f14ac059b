import { DeskError } from '../shared/errors'
import {
  PRACTICE_SITE_NUMBER,
  PRACTICE_USERS,
  startPracticeSite,
  type PracticeSite
} from '../sim/practice-site'
import type { PracticeSiteHost } from './service-contracts'

export interface PracticeSiteHostOptions {
  /** Where the practice site keeps its change requests between runs of the app. */
  statePath: string
  seed?: number
  people?: number
}

/** The seed's example user: a System Administrator, so every practice entry goes through. */
const PRACTICE_USERNAME = 'jadams'

/**
 * Runs the practice site inside the main process, on 127.0.0.1 and a free port, so a
 * volunteer can train without the church's real data. Started once; later calls share it.
 */
export function createPracticeSiteHost(options: PracticeSiteHostOptions): PracticeSiteHost {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === PRACTICE_USERNAME)
  let starting: Promise<PracticeSite> | undefined

  return {
    async start() {
      if (!user) {
        throw new DeskError(`The practice site has no user ${PRACTICE_USERNAME} to sign in as`)
      }
      starting ??= startPracticeSite({
        port: 0,
        statePath: options.statePath,
        ...(options.seed === undefined ? {} : { seed: options.seed }),
        ...(options.people === undefined ? {} : { people: options.people })
      }).catch((error: unknown) => {
        // A failed start (an unwritable state file, say) may be retried after the fix.
        starting = undefined
        const why = error instanceof Error ? error.message : String(error)
        throw new DeskError(`The practice site could not start: ${why}`)
      })
      const site = await starting
      return {
        baseUrl: site.baseUrl,
        username: user.username,
        password: user.password,
        siteNumber: PRACTICE_SITE_NUMBER
      }
    },

    async stop() {
      const running = starting
      starting = undefined
      if (!running) return
      // A site that never started has nothing to close; its error went to start()'s caller.
      const site = await running.catch(() => undefined)
      await site?.close()
    }
  }
}
