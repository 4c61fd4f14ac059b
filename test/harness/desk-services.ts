import { createAcsClient } from '../../src/main/api/acs-client'
import { createAcsApi } from '../../src/main/api/acs-api'
import type { ApiLogger } from '../../src/main/api/api-logger'
import { createAcsHttp, type AcsHttp } from '../../src/main/api/http'
import { createApplicationIdSetting } from '../../src/main/application-id-setting'
import { createBridgeHandlers, type BridgeHandler } from '../../src/main/bridge-handlers'
import { createCredentialVault } from '../../src/main/credential-vault'
import { createDeliveryScheduler, type DeliveryScheduler } from '../../src/main/delivery-scheduler'
import { createExternalLinks } from '../../src/main/external-links'
import type {
  AcsApi,
  CredentialVault,
  ExternalLinks,
  PracticeSiteHost
} from '../../src/main/service-contracts'
import type { EventChannelName } from '../../src/shared/bridge/channel-names'
import type { EventOf } from '../../src/shared/bridge/channels'
import { PRACTICE_SITE_NUMBER, PRACTICE_USERS } from '../../src/sim'
import { HarnessError } from './harness-error'
import type { MemoryKeychain } from './memory-keychain'

/** The main process of one app run, as src/main/index.ts builds it, minus Electron. */
export interface DeskServices {
  vault: CredentialVault
  http: AcsHttp
  api: AcsApi
  scheduler: DeliveryScheduler
  practiceSite: PracticeSiteHost
  externalLinks: ExternalLinks
  handler: BridgeHandler
  /** Ends this run: no more wakes, connections to the site closed. */
  stop(): Promise<void>
}

export interface DeskServicesOptions {
  keychain: MemoryKeychain
  /** Where the app finds the practice site: the harness's gate in front of its own site. */
  practiceBaseUrl: string
  /** Sends a notice to every page, as index.ts's broadcast does to every window. */
  broadcast<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
  /** Links the page asked to open in the system browser, in order. */
  openedLinks: string[]
  logger: ApiLogger
  /** The ApplicationId the app was "built" with, as MAIN_VITE_ACS_APPLICATION_ID gives it. */
  applicationId?: string
}

/** The user the app's practice mode signs in as (src/main/practice-site-host.ts). */
const PRACTICE_USERNAME = 'jadams'

export function createDeskServices(options: DeskServicesOptions): DeskServices {
  const { keychain, broadcast, logger } = options
  const applicationId = createApplicationIdSetting({
    store: keychain.store,
    fromBuild: options.applicationId,
    warn: (message) => logger.warn(`settings: ${message}`)
  })
  const vault = createCredentialVault({
    safeStorage: keychain.safeStorage,
    store: keychain.store,
    platform: 'linux',
    warn: (message) => logger.warn(`vault: ${message}`),
    applicationIdSource: () => applicationId.source()
  })
  // One agent shared by the client and the API's lookups, as in index.ts.
  const http = createAcsHttp({ logger, applicationId: () => applicationId.value() })
  const api = createAcsApi({ http })
  const scheduler = createDeliveryScheduler({
    client: createAcsClient({ http }),
    vault,
    wake: (reason) => broadcast('delivery:wake', { reason }),
    onStateChanged: (state) => broadcast('delivery:state-changed', state),
    logger
  })
  const practiceSite = practiceSiteAt(options.practiceBaseUrl)
  const externalLinks = createExternalLinks(async (url) => {
    options.openedLinks.push(url)
  })
  const handler = createBridgeHandlers({
    vault,
    api,
    delivery: scheduler,
    practiceSite,
    externalLinks,
    applicationId
  })
  return {
    vault,
    http,
    api,
    scheduler,
    practiceSite,
    externalLinks,
    handler,
    async stop() {
      scheduler.dispose()
      await http.close()
    }
  }
}

/** The app's practice mode, pointed at the site the harness already runs. */
function practiceSiteAt(baseUrl: string): PracticeSiteHost {
  const user = PRACTICE_USERS.find((candidate) => candidate.username === PRACTICE_USERNAME)
  return {
    async start() {
      if (!user) throw new HarnessError(`The practice site has no user ${PRACTICE_USERNAME}`)
      return {
        baseUrl,
        username: user.username,
        password: user.password,
        siteNumber: PRACTICE_SITE_NUMBER
      }
    },
    // The harness owns the site and stops it in close().
    stop: async () => {}
  }
}
