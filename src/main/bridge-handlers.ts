import type { InvokeChannel, ParsedRequestOf, ResponseOf } from '../shared/bridge/channels'
import { isInvokeChannel } from '../shared/bridge/channel-names'
import { failure, success, type Envelope } from '../shared/bridge/envelope'
import { parseRequest, parseResponse } from '../shared/bridge/parse'
import { DeskError, InvalidPayloadError, NotSignedInError } from '../shared/errors'
import type { ApplicationIdSetting } from './application-id-setting'
import { checkBaseUrl } from './base-url'
import { practicePassword, practiceUsers } from './practice-accounts'
import { createSignIn } from './sign-in'
import type {
  AcsApi,
  CredentialVault,
  Credentials,
  DeliveryService,
  ExternalLinks,
  PracticeSiteHost
} from './service-contracts'

export interface BridgeServices {
  vault: CredentialVault
  api: AcsApi
  delivery: DeliveryService
  practiceSite: PracticeSiteHost
  externalLinks: ExternalLinks
  applicationId: ApplicationIdSetting
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
  const { vault, api, delivery, practiceSite, externalLinks } = services
  /** Where the practice site answered last; a sign-in typed to it is a practice sign-in. */
  let practiceBaseUrl: string | null = null
  const signIn = createSignIn({
    ...services,
    isPracticeSite: (baseUrl) => baseUrl === practiceBaseUrl
  })

  async function startPracticeSite(): Promise<Credentials> {
    const practice = await practiceSite.start()
    practiceBaseUrl = checkBaseUrl(practice.baseUrl)
    return practice
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
    'credentials:sign-in': (request) => signIn.withUserName(request),
    'credentials:sign-in-email': (request) => signIn.withEmail(request),
    'sites:find': (request) => signIn.findSites(request),
    'credentials:sign-out': () => vault.clear(),
    'practice:start': async (request) => {
      const practice = await startPracticeSite()
      const chosen = request
        ? { username: request.userName, password: practicePassword(request.userName) }
        : {}
      return signIn.practice({ ...practice, ...chosen })
    },
    'practice:site': async () => {
      const practice = await startPracticeSite()
      return { baseUrl: practice.baseUrl, siteNumber: practice.siteNumber, users: practiceUsers() }
    },
    'delivery:send': ({ items }, sender) => delivery.sendBatch(items, sender.id),
    'delivery:report': (report, sender) => {
      delivery.report(report, sender.id)
      return undefined
    },
    'delivery:state': () => delivery.state(),
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
    'links:open': ({ url }) => externalLinks.open(url).then(() => undefined)
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
