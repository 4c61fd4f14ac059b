import type {
  EmailSignInRequest,
  FindSitesRequest,
  SignInRequest,
  SignInResult
} from '../shared/bridge/channels'
import {
  CredentialsRejectedError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '../shared/errors'
import type { Account } from '../shared/lookups'
import type { ApplicationIdSetting } from './application-id-setting'
import { checkBaseUrl } from './base-url'
import type {
  AcsApi,
  CredentialVault,
  Credentials,
  DeliveryService,
  PracticeSiteHost
} from './service-contracts'

export interface SignInServices {
  vault: CredentialVault
  api: AcsApi
  delivery: Pick<DeliveryService, 'resume'>
  applicationId: ApplicationIdSetting
  /**
   * Where the practice site runs now: a sign-in typed to it (a trainer showing the e-mail
   * path, or another practice user) stays a practice sign-in, badge and outbox alike.
   */
  practiceSite: Pick<PracticeSiteHost, 'address'>
}

type Parsed<T> = Required<Omit<T, 'applicationId'>> & { applicationId?: string | undefined }

/**
 * Signing in, in the main process (which alone holds passwords): by site number and user
 * name, or by e-mail (`PUT /accounts/findbyemail`, then the chosen site's user name with the
 * same password, checked with `GET /{site}/account`), or to the practice site. The
 * credentials are saved only when the site accepted them or could not be reached.
 */
export function createSignIn(services: SignInServices) {
  const { vault, api, delivery, applicationId, practiceSite } = services

  // Plain http only to the practice site running now: the page cannot aim this process
  // (and a password) at another program on this computer.
  function checked(baseUrl: string): string {
    return checkBaseUrl(baseUrl, practiceSite.address())
  }

  /** A checked address is the practice site's when it is where the practice site runs now. */
  function isPracticeSite(baseUrl: string): boolean {
    const address = practiceSite.address()
    return address !== null && checked(address) === baseUrl
  }

  /**
   * A new ApplicationId is used for the requests that follow at once, and kept only if
   * they did not fail: a clerk's typo must not stay behind a refused sign-in.
   */
  async function withApplicationId<T>(
    candidate: string | undefined,
    action: () => Promise<T>
  ): Promise<T> {
    if (candidate === undefined) return action()
    const previous = applicationId.override()
    applicationId.setOverride(candidate)
    try {
      return await action()
    } catch (error) {
      applicationId.setOverride(previous)
      throw error
    }
  }

  async function complete(
    credentials: Credentials,
    options: { practice: boolean; persistWithoutKeychain: boolean }
  ): Promise<SignInResult> {
    // Throws CredentialsRejectedError when the site says no: then nothing is saved.
    const checked = await api.checkSignIn(credentials)
    const status = await vault.save(credentials, options)
    delivery.resume()
    return { status, ...checked }
  }

  async function sitesOf(baseUrl: string, email: string, password: string): Promise<Account[]> {
    try {
      return await api.findSites(baseUrl, email, password)
    } catch (error) {
      if (error instanceof SiteUnreachableError) {
        throw new SiteUnreachableError(
          `${error.message} Signing in with the site number and user name works offline too.`
        )
      }
      throw error
    }
  }

  return {
    withUserName(request: Parsed<SignInRequest>): Promise<SignInResult> {
      const { baseUrl, siteNumber, username, password, persistWithoutKeychain } = request
      const credentials = { baseUrl: checked(baseUrl), siteNumber, username, password }
      return withApplicationId(request.applicationId, () =>
        complete(credentials, {
          practice: isPracticeSite(credentials.baseUrl),
          persistWithoutKeychain
        })
      )
    },

    findSites(request: Parsed<FindSitesRequest>): Promise<Account[]> {
      const baseUrl = checked(request.baseUrl)
      return withApplicationId(request.applicationId, () =>
        sitesOf(baseUrl, request.email, request.password)
      )
    },

    withEmail(request: Parsed<EmailSignInRequest>): Promise<SignInResult> {
      const baseUrl = checked(request.baseUrl)
      const { email, password, siteNumber, persistWithoutKeychain } = request
      return withApplicationId(request.applicationId, async () => {
        const site = (await sitesOf(baseUrl, email, password)).find(
          (candidate) => candidate.siteNumber === siteNumber
        )
        if (!site) {
          throw new CredentialsRejectedError(
            `The e-mail ${email} may not sign in to site ${siteNumber}; choose one of the sites listed for it`
          )
        }
        if (site.userName === '') {
          throw new UnexpectedAnswerError(
            `Access ACS listed site ${siteNumber} without a user name; sign in with the site number and user name instead`
          )
        }
        const credentials = { baseUrl, siteNumber, username: site.userName, password }
        return complete(credentials, { practice: isPracticeSite(baseUrl), persistWithoutKeychain })
      })
    },

    practice(practice: Credentials): Promise<SignInResult> {
      const credentials = { ...practice, baseUrl: checked(practice.baseUrl) }
      return complete(credentials, { practice: true, persistWithoutKeychain: false })
    }
  }
}
