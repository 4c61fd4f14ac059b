import { createAcsClient } from '../../src/main/api/acs-client'
import { createAcsApi } from '../../src/main/api/acs-api'
import type { ApiLogger } from '../../src/main/api/api-logger'
import { createAcsHttp, type AcsHttp, type AcsNetworkOptions } from '../../src/main/api/http'
import { createApplicationIdSetting } from '../../src/main/application-id-setting'
import { createBridgeHandlers, type BridgeHandler } from '../../src/main/bridge-handlers'
import { createCredentialVault } from '../../src/main/credential-vault'
import { createDeliveryScheduler, type DeliveryScheduler } from '../../src/main/delivery-scheduler'
import { createExternalLinks } from '../../src/main/external-links'
import { createPracticeSiteHost, type PracticeSiteRelay } from '../../src/main/practice-site-host'
import { createResultBackupFile } from '../../src/main/result-backup-file'
import type {
  AcsApi,
  CredentialVault,
  ExternalLinks,
  PracticeSiteHost
} from '../../src/main/service-contracts'
import type { EventChannelName } from '../../src/shared/bridge/channel-names'
import type { EventOf } from '../../src/shared/bridge/channels'
import { withPracticeSite } from '../../src/main/signed-in-site'
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
  /** Ends this run: no more wakes, connections closed, the practice site stopped (saved). */
  stop(): Promise<void>
}

export interface DeskServicesOptions {
  keychain: MemoryKeychain
  /** The app's own practice-site host, as index.ts makes it, with what the harness adds. */
  practiceSite: {
    /**
     * The state file, in the profile as index.ts keeps it in the app's data folder;
     * undefined for the benchmarks only (the log is then kept in memory).
     */
    statePath: string | undefined
    seed?: number
    people?: number
    /** The harness's network gate, through which the app reaches the site. */
    relay: PracticeSiteRelay
  }
  /** The backup copy of unsent results, in the profile as index.ts keeps it in the data folder. */
  resultBackupPath: string
  /** Sends a notice to every page, as index.ts's broadcast does to every window. */
  broadcast<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
  /** Links the page asked to open in the system browser, in order. */
  openedLinks: string[]
  logger: ApiLogger
  /** The trust store and proxy settings index.ts hands the API client; none by default. */
  network?: AcsNetworkOptions
  /** The ApplicationId the app was "built" with, as MAIN_VITE_ACS_APPLICATION_ID gives it. */
  applicationId?: string
}

export function createDeskServices(options: DeskServicesOptions): DeskServices {
  const { keychain, broadcast, logger } = options
  // The real host, with the control endpoints the tests' `desk.sim` uses: the app's own
  // never mounts them.
  const practiceSite = createPracticeSiteHost({ ...options.practiceSite, controlRoutes: true })
  const applicationId = createApplicationIdSetting({
    store: keychain.store,
    fromBuild: options.applicationId,
    warn: (message) => logger.warn(`settings: ${message}`)
  })
  const vault = withPracticeSite(
    createCredentialVault({
      safeStorage: keychain.safeStorage,
      store: keychain.store,
      platform: 'linux',
      warn: (message) => logger.warn(`vault: ${message}`),
      applicationIdSource: () => applicationId.source()
    }),
    practiceSite
  )
  // One agent shared by the client and the API's lookups, as in index.ts.
  const http = createAcsHttp({
    logger,
    ...options.network,
    applicationId: () => applicationId.value()
  })
  const api = createAcsApi({ http })
  const scheduler = createDeliveryScheduler({
    client: createAcsClient({ http }),
    vault,
    wake: (reason) => broadcast('delivery:wake', { reason }),
    onStateChanged: (state) => broadcast('delivery:state-changed', state),
    logger
  })
  const externalLinks = createExternalLinks(async (url) => {
    options.openedLinks.push(url)
  })
  const handler = createBridgeHandlers({
    vault,
    api,
    delivery: scheduler,
    backup: createResultBackupFile({
      filePath: options.resultBackupPath,
      warn: (message) => logger.warn(message)
    }),
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
      const results = await Promise.allSettled([http.close(), practiceSite.stop()])
      const failures = results.flatMap((result) =>
        result.status === 'rejected' ? [result.reason as unknown] : []
      )
      if (failures.length > 0) throw new AggregateError(failures, 'The main services did not stop')
    }
  }
}
