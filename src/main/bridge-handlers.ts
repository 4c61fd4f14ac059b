import type {
  InvokeChannel,
  ParsedRequestOf,
  ResponseOf,
  SignInResult
} from '../shared/bridge/channels'
import { isInvokeChannel } from '../shared/bridge/channel-names'
import { failure, success, type Envelope } from '../shared/bridge/envelope'
import { parseRequest, parseResponse } from '../shared/bridge/parse'
import { DeskError, InvalidPayloadError, NotSignedInError } from '../shared/errors'
import { checkBaseUrl } from './base-url'
import type {
  AcsLookups,
  CredentialVault,
  Credentials,
  DeliveryService,
  ExternalLinks,
  PracticeSiteHost,
  SupportService
} from './service-contracts'

export interface BridgeServices {
  vault: CredentialVault
  lookups: AcsLookups
  delivery: DeliveryService
  practiceSite: PracticeSiteHost
  externalLinks: ExternalLinks
  /** Absent where there is no app around the bridge (the test harness): see noSupport. */
  support?: SupportService
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
  const { vault, lookups, delivery, practiceSite, externalLinks } = services
  const support = services.support ?? noSupport

  async function signIn(
    typed: Credentials,
    options: { practice: boolean; persistWithoutKeychain: boolean }
  ): Promise<SignInResult> {
    const credentials: Credentials = {
      // Plain http only to the practice site running now: the page cannot aim this
      // process (and a password) at another program on this computer.
      baseUrl: checkBaseUrl(typed.baseUrl, practiceSite.address()),
      siteNumber: typed.siteNumber,
      username: typed.username,
      password: typed.password
    }
    // Throws CredentialsRejectedError when the site says no: then nothing is saved.
    const check = await lookups.checkCredentials(credentials)
    const status = await vault.save(credentials, options)
    delivery.resume()
    return { status, check }
  }

  async function signedIn(): Promise<Credentials> {
    const credentials = await vault.current()
    if (!credentials) {
      throw new NotSignedInError('Sign in to your Access ACS site first (Settings → Sign in)')
    }
    return credentials
  }

  const implementations: Implementations = {
    'credentials:status': () => vault.status(),
    'credentials:sign-in': ({ persistWithoutKeychain, ...credentials }) =>
      signIn(credentials, { practice: false, persistWithoutKeychain }),
    'credentials:sign-out': () => vault.clear(),
    'practice:start': async () => {
      const practice = await practiceSite.start()
      return signIn(practice, { practice: true, persistWithoutKeychain: false })
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
    'lookups:connection-types': async () => lookups.connectionTypes(await signedIn()),
    'lookups:responses': async ({ connectionTypeId }) =>
      lookups.responses(await signedIn(), connectionTypeId),
    'lookups:teams': async () => lookups.teams(await signedIn()),
    'lookups:people': async ({ page, pageSize }) =>
      lookups.people(await signedIn(), page, pageSize),
    'lookups:connections': async ({ status, page, pageSize }) =>
      lookups.connections(await signedIn(), status, page, pageSize),
    'links:open': ({ url }) => externalLinks.open(url).then(() => undefined),
    'updates:state': () => support.updateState(),
    'updates:restart': () => support.restartForUpdate(),
    'diagnostics:save': ({ outbox }) => support.saveDiagnostics(outbox),
    'errors:report': (error) => {
      support.reportRendererError(error)
      return undefined
    }
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
