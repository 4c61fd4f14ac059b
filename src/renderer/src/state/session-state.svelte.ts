import type {
  CredentialStatus,
  EmailSignInRequest,
  FindSitesRequest,
  PracticeSite,
  SignInRequest,
  SignInResult
} from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import type { DeskError } from '$shared/errors'
import type { Account } from '$shared/lookups'
import { toDeskError } from '$shared/errors'

export type SessionDesk = Pick<DeskApi, 'credentials' | 'practice' | 'sites'>

export interface SessionHooks {
  /**
   * Before a sign-in, practice start or sign-out reaches the main process: the open site
   * stops delivering and its last answers are written (AppState sequences this).
   */
  beforeChange?: () => Promise<void>
  /** The main process refused the change: the open site goes on as before. */
  onChangeRefused?: () => void | Promise<void>
  /** After every successful sign-in or practice start: refresh reference data, wake delivery. */
  onSignedIn?: (status: CredentialStatus) => void | Promise<void>
  onSignedOut?: () => void | Promise<void>
}

/**
 * Who is signed in to which site, through the main process (the password never reaches
 * the page). Methods record a failure in `error` for the screen to show and resolve to
 * whether they succeeded, so a form can stay open with the clerk's input.
 */
export class SessionState {
  #status = $state.raw<CredentialStatus | null>(null)
  #check = $state<SignInResult['check'] | null>(null)
  #busy = $state(false)
  #error = $state.raw<DeskError | null>(null)
  #account = $state.raw<Account | null>(null)
  #practiceSite = $state.raw<PracticeSite | null>(null)
  readonly #desk: SessionDesk
  readonly #hooks: SessionHooks

  constructor(desk: SessionDesk, hooks: SessionHooks = {}) {
    this.#desk = desk
    this.#hooks = hooks
  }

  /** Null until `load()` has asked the main process. */
  get status(): CredentialStatus | null {
    return this.#status
  }

  /** Credentials are saved and usable (not waiting for the clerk to type the password again). */
  get signedIn(): boolean {
    return this.#status !== null && this.#status.configured && !this.#status.needsSignIn
  }

  /** The site whose outbox and reference data are in use, when one is configured. */
  get siteKey(): string | null {
    const status = this.#status
    if (!status?.configured) return null
    return status.siteKey
  }

  get username(): string | null {
    return this.#status?.username ?? null
  }

  get practice(): boolean {
    return this.#status?.practice ?? false
  }

  /** The last sign-in was saved without reaching the site: it is checked on the first send. */
  get unchecked(): boolean {
    return this.#check === 'offline'
  }

  /**
   * The signed-in user and their rights as the site answered the sign-in; null after an
   * offline sign-in and after a restart (the site's saved copy then says).
   */
  get account(): Account | null {
    return this.#account
  }

  /** Where the practice site runs and who its users are, once asked (`loadPracticeSite`). */
  get practiceSite(): PracticeSite | null {
    return this.#practiceSite
  }

  get busy(): boolean {
    return this.#busy
  }

  get error(): DeskError | null {
    return this.#error
  }

  clearError(): void {
    this.#error = null
  }

  async load(): Promise<boolean> {
    return this.#run(async () => {
      this.#status = await this.#desk.credentials.status()
    })
  }

  async signIn(request: SignInRequest): Promise<boolean> {
    return this.#run(async () => {
      const result = await this.#change(() => this.#desk.credentials.signIn(request))
      await this.#signedIn(result)
    })
  }

  /**
   * The sites an e-mail and password may sign in to, or null with `error` set (a wrong pair
   * among them). Nothing is saved: the clerk then picks one (`signInWithEmail`).
   */
  async findSites(request: FindSitesRequest): Promise<Account[] | null> {
    let sites: Account[] | null = null
    await this.#run(async () => {
      sites = await this.#desk.sites.find(request)
    })
    return sites
  }

  /** Signs in to one of the sites `findSites` listed, as the user name it knows the e-mail by. */
  async signInWithEmail(request: EmailSignInRequest): Promise<boolean> {
    return this.#run(async () => {
      // Like any sign-in, it changes the site: the open one stops delivering first.
      const result = await this.#change(() => this.#desk.credentials.signInWithEmail(request))
      await this.#signedIn(result)
    })
  }

  /**
   * Signs in to the built-in practice site, where nothing reaches the church's data: as its
   * administrator, or as the practice user a trainer chose.
   */
  async startPractice(userName?: string): Promise<boolean> {
    return this.#run(async () => {
      const request = userName === undefined ? undefined : { userName }
      await this.#signedIn(await this.#change(() => this.#desk.practice.start(request)))
    })
  }

  /** Starts the practice site if needed, to show its address and users; false on failure. */
  async loadPracticeSite(): Promise<boolean> {
    return this.#run(async () => {
      this.#practiceSite = await this.#desk.practice.site()
    })
  }

  async signOut(): Promise<boolean> {
    return this.#run(async () => {
      this.#status = await this.#change(() => this.#desk.credentials.signOut())
      this.#check = null
      this.#account = null
      await this.#hooks.onSignedOut?.()
    })
  }

  async #change<T>(action: () => Promise<T>): Promise<T> {
    await this.#hooks.beforeChange?.()
    try {
      return await action()
    } catch (error) {
      await this.#hooks.onChangeRefused?.()
      throw error
    }
  }

  async #signedIn(result: SignInResult): Promise<void> {
    this.#status = result.status
    this.#check = result.check
    this.#account = result.account
    await this.#hooks.onSignedIn?.(result.status)
  }

  async #run(action: () => Promise<void>): Promise<boolean> {
    this.#busy = true
    this.#error = null
    try {
      await action()
      return true
    } catch (error) {
      this.#error = toDeskError(error)
      return false
    } finally {
      this.#busy = false
    }
  }
}
