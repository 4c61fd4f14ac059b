import type { CredentialStatus } from '$shared/bridge/channels'
import type { SessionState } from '../../state/session-state.svelte'
import { SignInFormState, type SignInPath } from './sign-in-form-state.svelte'
import { SiteChoice } from './site-choice.svelte'

/** What the session does for the church form. */
export type ChurchSession = Pick<SessionState, 'signIn' | 'findSites' | 'signInWithEmail' | 'error'>

/**
 * Where a press of Sign in left the clerk: in (the screen goes away), at the site picker,
 * or back at the form with what to fix (`invalid`: nothing was sent; `refused`: the site or
 * the main process said no).
 */
export type SignInStep = 'signed-in' | 'choose-site' | 'invalid' | 'refused'

/**
 * Signing in to the church's own site. By e-mail: the sites that e-mail may use are
 * fetched, one is signed in to at once, several are offered to choose from. The older
 * way: site number, user name and password, at once.
 */
export class ChurchSignInFlow {
  readonly form: SignInFormState
  readonly choice = new SiteChoice()
  readonly #session: ChurchSession

  constructor(session: ChurchSession, status: CredentialStatus | null) {
    this.#session = session
    this.form = new SignInFormState(status)
  }

  usePath(path: SignInPath): void {
    this.choice.close()
    this.form.usePath(path)
  }

  async submit(): Promise<SignInStep> {
    const attempt = this.form.check()
    if (!attempt) return 'invalid'
    if (attempt.path === 'user') {
      return this.#after(await this.#session.signIn(attempt.request))
    }
    const sites = await this.#session.findSites(attempt.request)
    if (sites === null) return this.#after(false)
    const [only] = sites
    if (sites.length === 0 || !only) {
      this.form.showNoSites()
      return 'refused'
    }
    if (sites.length === 1) return this.signInAt(only.siteNumber)
    this.choice.offer(sites)
    return 'choose-site'
  }

  /** Signs in at the chosen site, with the e-mail and password the form still holds. */
  async signInAt(siteNumber: number): Promise<SignInStep> {
    const step = this.#after(await this.#session.signInWithEmail(this.form.emailSignIn(siteNumber)))
    // A refusal is shown beside the fields the clerk can correct.
    if (step === 'refused') this.choice.close()
    return step
  }

  /** From the picker back to the e-mail and password. */
  back(): void {
    this.choice.close()
  }

  #after(signedIn: boolean): SignInStep {
    if (signedIn) return 'signed-in'
    const error = this.#session.error
    if (error) this.form.showFailure(error)
    return 'refused'
  }
}
