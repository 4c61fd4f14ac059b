import type { InvokeChannel, ParsedRequestOf, ResponseOf } from '../shared/bridge/channels'
import { isInvokeChannel } from '../shared/bridge/channel-names'
import { failure, success, type Envelope } from '../shared/bridge/envelope'
import { parseRequest, parseResponse } from '../shared/bridge/parse'
import { DeskError, InvalidPayloadError, NotSignedInError } from '../shared/errors'
import type { ApplicationIdSetting } from './application-id-setting'
import { practicePassword, practiceUsers } from './practice-accounts'
import { createSignIn } from './sign-in'
import type {
  AcsApi,
  CredentialVault,
  Credentials,
  DeliveryService,
  ExternalLinks,
  PracticeSiteHost,
  ResultBackup,
  SheetsService,
  SupportService
} from './service-contracts'

export interface BridgeServices {
  vault: CredentialVault
  api: AcsApi
  delivery: DeliveryService
  backup: ResultBackup
  practiceSite: PracticeSiteHost
  externalLinks: ExternalLinks
  applicationId: ApplicationIdSetting
  /** Absent where there is no app around the bridge (the test harness): see noSupport. */
  support?: SupportService
  /** Absent where there is no window to print (the test harness): see noSheets. */
  sheets?: SheetsService
}

/** Which window asked: delivery lets only one window send at a time. */
export interface BridgeSender {
  id: number
}

export type BridgeHandler = (
  channel: string,
  payload: unknown,
  sender: BridgeSender
) => Promise<Envelope<unknown>>

type Implementations = {
  [C in InvokeChannel]: (
    request: ParsedRequestOf<C>,
    sender: BridgeSender
  ) => ResponseOf<C> | Promise<ResponseOf<C>>
}

/**
 * The main process's answer to every bridge request. The request is parsed with its
 * channel's schema before a service sees it, and the answer is parsed with the response
 * schema before the page sees it, so nothing outside the contract (a password, say) can
 * leak. Every failure comes back as an error envelope; none is thrown at Electron.
 */
export function createBridgeHandlers(services: BridgeServices): BridgeHandler {
  const { vault, api, delivery, backup, practiceSite, externalLinks } = services
  const support = services.support ?? noSupport
  const sheets = services.sheets ?? noSheets
  const signIn = createSignIn(services)

  async function signedIn(): Promise<Credentials> {
    const credentials = await vault.current()
    if (!credentials) {
      throw new NotSignedInError('Sign in to your Access ACS site first (Settings → Sign in)')
    }
    return credentials
  }

  const implementations: Implementations = {
    'credentials:status': () => vault.status(),
    'credentials:sign-in': (request) => signIn.withUserName(request),
    'credentials:sign-in-email': (request) => signIn.withEmail(request),
    'sites:find': (request) => signIn.findSites(request),
    'credentials:sign-out': () => vault.clear(),
    'practice:start': async (request) => {
      const practice = await practiceSite.start()
      const chosen = request
        ? { username: request.userName, password: practicePassword(request.userName) }
        : {}
      return signIn.practice({ ...practice, ...chosen })
    },
    'practice:site': async () => {
      const practice = await practiceSite.start()
      return { baseUrl: practice.baseUrl, siteNumber: practice.siteNumber, users: practiceUsers() }
    },
    'delivery:send': (batch, sender) => delivery.sendBatch(batch, sender.id),
    'delivery:stop': ({ siteKey }, sender) => {
      delivery.stop(siteKey, sender.id)
      return undefined
    },
    'delivery:report': (report, sender) => {
      delivery.report(report, sender.id)
      return undefined
    },
    'delivery:state': () => delivery.state(),
    'backup:keep': async ({ results }) => {
      await backup.keep(results)
    },
    'backup:drop': async ({ siteKey, ids }) => {
      await backup.drop(siteKey, ids)
    },
    'backup:list': ({ siteKey }) => backup.list(siteKey),
    'account:get': async () => api.account(await signedIn()),
    'types:list': async () => api.connectionTypes(await signedIn()),
    'responses:list': async ({ typeId }) => api.responses(await signedIn(), typeId),
    'teams:list': async () => api.teams(await signedIn()),
    'assignments:summary': async (page) => api.assignmentSummary(await signedIn(), page),
    'assignments:list': async ({ typeId, ...page }) =>
      api.assignments(await signedIn(), typeId, page),
    'connections:get': async ({ connectionId }) => api.connection(await signedIn(), connectionId),
    'connections:of-person': async ({ personId, ...page }) =>
      api.personConnections(await signedIn(), personId, page),
    'people:search': async ({ query, ...page }) => api.people(await signedIn(), query, page),
    'people:get': async ({ personId }) => api.person(await signedIn(), personId),
    'links:open': ({ url }) => externalLinks.open(url).then(() => undefined),
    'updates:state': () => support.updateState(),
    'updates:restart': () => support.restartForUpdate(),
    'diagnostics:save': ({ outbox }) => support.saveDiagnostics(outbox),
    'errors:report': (error) => {
      support.reportRendererError(error)
      return undefined
    },
    'sheets:save-pdf': (request, sender) => sheets.savePdf(request, sender.id)
  }

  async function dispatch<C extends InvokeChannel>(
    channel: C,
    payload: unknown,
    sender: BridgeSender
  ): Promise<ResponseOf<C>> {
    const request = parseRequest(channel, payload)
    const implementation = implementations[channel] as Implementations[C]
    return parseResponse(channel, await implementation(request, sender))
  }

  return async (channel, payload, sender) => {
    try {
      if (!isInvokeChannel(channel)) {
        throw new InvalidPayloadError(`${describe(channel)} is not a channel of Connections Desk`)
      }
      return success(await dispatch(channel, payload, sender))
    } catch (error) {
      // Typed errors are the clerk's to read; anything else is a fault worth a log line.
      if (!(error instanceof DeskError))
        console.error(`Bridge request ${describe(channel)} failed`, error)
      return failure(error)
    }
  }
}

function describe(channel: unknown): string {
  return typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : `a ${typeof channel}`
}

/**
 * Where the bridge runs without the app around it: no updates, no diagnostics file, and
 * the page's errors on the console (which the app routes into its log).
 */
const noSupport: SupportService = {
  updateState: () => ({ status: 'off' }),
  restartForUpdate: async () => ({
    kind: 'not-ready',
    message: 'Updates are not available in this copy of the app.'
  }),
  saveDiagnostics: async () => {
    throw new DeskError('Saving diagnostics is not available in this copy of the app.')
  },
  reportRendererError: (error) => {
    console.error(`The page failed: ${error.name}: ${error.message}`)
  }
}

/** Where there is no window to print: the page offers its Print button instead. */
const noSheets: SheetsService = {
  savePdf: async () => {
    throw new DeskError(
      'Saving a PDF is not available in this copy of the app. Use Print and choose "Save as PDF" there.'
    )
  }
}
