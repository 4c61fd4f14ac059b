import {
  findSitesRequestSchema,
  signInRequestSchema,
  type CredentialStatus,
  type EmailSignInRequest,
  type FindSitesRequest,
  type SignInRequest
} from '$shared/bridge/channels'
import { CredentialsRejectedError, InvalidSettingError, type DeskError } from '$shared/errors'

/** CONTRACT.md section 0; the church may correct it (the seed itself misspells the host). */
export const DEFAULT_BASE_URL = 'https://secure.accessacs.com/api_accessacs_mobile/v2'

/**
 * How the clerk signs in: with the e-mail Access ACS knows them by (the sites it may use
 * are then listed), or the older way, with a site number and a user name.
 */
export type SignInPath = 'email' | 'user'

export const SIGN_IN_FIELDS = [
  'baseUrl',
  'email',
  'siteNumber',
  'username',
  'password',
  'applicationId'
] as const
export type SignInField = (typeof SIGN_IN_FIELDS)[number]

/** The fields of each path, in the order they are shown (the application id under Advanced). */
export const PATH_FIELDS: Record<SignInPath, readonly SignInField[]> = {
  email: ['baseUrl', 'email', 'password', 'applicationId'],
  user: ['baseUrl', 'siteNumber', 'username', 'password', 'applicationId']
}

export const SIGN_IN_LABELS: Record<SignInField, string> = {
  baseUrl: 'Site address',
  email: 'E-mail',
  siteNumber: 'Site number',
  username: 'Username',
  password: 'Password',
  applicationId: 'Application id'
}

export type SignInErrors = Partial<Record<SignInField | 'form', string[]>>

/** What a valid form asks for: the e-mail's sites, or a sign-in the older way. */
export type SignInAttempt =
  { path: 'email'; request: FindSitesRequest } | { path: 'user'; request: SignInRequest }

/** Keychains that keep the password as plain text, or that nobody could name. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown'])

/**
 * The church sign-in form: what the clerk typed, checked with the bridge's own schemas
 * before it is sent, and the errors to show beside each field and in the summary. The
 * fields are plain state so inputs can bind to them; errors change only through methods.
 * The password lives here only while the form is on screen: it is never stored.
 */
export class SignInFormState {
  baseUrl = $state(DEFAULT_BASE_URL)
  email = $state('')
  siteNumber = $state('')
  username = $state('')
  password = $state('')
  persistWithoutKeychain = $state(false)
  /** Advanced: empty keeps the application id in use; a GUID replaces it. */
  applicationId = $state('')
  #path = $state<SignInPath>('email')
  #errors = $state.raw<SignInErrors>({})

  /**
   * Starts from what the app already knows, never the password: the last site and user of
   * an older-path sign-in (its form is the one to show again), else the e-mail path.
   */
  constructor(status: CredentialStatus | null) {
    if (status && !status.practice) {
      this.baseUrl = status.baseUrl || DEFAULT_BASE_URL
      this.siteNumber = status.siteNumber === null ? '' : String(status.siteNumber)
      this.username = status.username ?? ''
      if (this.username !== '') this.#path = 'user'
    }
  }

  get path(): SignInPath {
    return this.#path
  }

  /** Switches between the e-mail and the older path, keeping what was typed in each. */
  usePath(path: SignInPath): void {
    this.#path = path
    this.#errors = {}
  }

  get fields(): readonly SignInField[] {
    return PATH_FIELDS[this.#path]
  }

  get errors(): SignInErrors {
    return this.#errors
  }

  errorsFor(field: SignInField | 'form'): string[] {
    return this.#errors[field] ?? []
  }

  /** The summary's lines: each field's errors under its label, then the form's own. */
  get summary(): string[] {
    const lines = this.fields.flatMap((field) =>
      this.errorsFor(field).map((message) => `${SIGN_IN_LABELS[field]}: ${message}`)
    )
    return [...lines, ...this.errorsFor('form')]
  }

  /** The first field with an error, to move the keyboard to. */
  get firstInvalidField(): SignInField | null {
    return this.fields.find((field) => this.errorsFor(field).length > 0) ?? null
  }

  /** The request to send, or null with the errors set. */
  check(): SignInAttempt | null {
    return this.#path === 'email' ? this.#checkEmail() : this.#checkUser()
  }

  /** Signing in to one of the sites the e-mail may use, with what the form holds now. */
  emailSignIn(siteNumber: number): EmailSignInRequest {
    return {
      baseUrl: this.baseUrl,
      email: this.email,
      password: this.password,
      siteNumber,
      persistWithoutKeychain: this.persistWithoutKeychain,
      ...this.#applicationIdPart()
    }
  }

  /** A refusal from the main process or the site, shown where the clerk can act on it. */
  showFailure(error: DeskError): void {
    const errors: SignInErrors = {}
    for (const [path, messages] of Object.entries(error.fieldErrors ?? {})) {
      const field = this.fields.find((name) => path === name || path.startsWith(`${name}.`))
      ;(errors[field ?? 'form'] ??= []).push(...messages)
    }
    if (error instanceof CredentialsRejectedError) {
      ;(errors.password ??= []).push(error.message)
    } else if (error instanceof InvalidSettingError && !error.fieldErrors) {
      ;(errors.baseUrl ??= []).push(error.message)
    } else if (!error.fieldErrors) {
      ;(errors.form ??= []).push(error.message)
    }
    this.#errors = errors
  }

  /** The site knows the pair, but no site lets this e-mail sign in. */
  showNoSites(): void {
    this.#errors = {
      email: [
        'Access ACS lists no site for this e-mail. Ask your administrator, or sign in with a site number and user name.'
      ]
    }
  }

  clearErrors(): void {
    this.#errors = {}
  }

  #checkEmail(): SignInAttempt | null {
    const parsed = findSitesRequestSchema.safeParse({
      baseUrl: this.baseUrl,
      email: this.email,
      password: this.password,
      ...this.#applicationIdPart()
    })
    if (parsed.success) {
      this.#errors = {}
      return { path: 'email', request: parsed.data }
    }
    this.#errors = this.#errorsOf(parsed.error.issues, () => undefined)
    return null
  }

  #checkUser(): SignInAttempt | null {
    const siteNumberText = this.siteNumber.trim()
    const parsed = signInRequestSchema.safeParse({
      baseUrl: this.baseUrl,
      // Text that is not a whole number stays text, so the schema names the field.
      siteNumber: /^\d+$/.test(siteNumberText) ? Number(siteNumberText) : siteNumberText,
      username: this.username,
      password: this.password,
      persistWithoutKeychain: this.persistWithoutKeychain,
      ...this.#applicationIdPart()
    })
    if (parsed.success) {
      this.#errors = {}
      return { path: 'user', request: parsed.data }
    }
    this.#errors = this.#errorsOf(parsed.error.issues, (field) =>
      field === 'siteNumber' && siteNumberText === ''
        ? 'Type the site number, like 12345'
        : undefined
    )
    return null
  }

  /** Left out when empty: the application id in use stays as it is. */
  #applicationIdPart(): { applicationId?: string } {
    return this.applicationId.trim() === '' ? {} : { applicationId: this.applicationId }
  }

  #errorsOf(
    issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>,
    reword: (field: SignInField | undefined) => string | undefined
  ): SignInErrors {
    const errors: SignInErrors = {}
    for (const issue of issues) {
      const field = this.fields.find((name) => name === issue.path[0])
      // One thing to fix per field: an empty e-mail is not also "not like an e-mail".
      if (field && errors[field]) continue
      ;(errors[field ?? 'form'] ??= []).push(reword(field) ?? issue.message)
    }
    return errors
  }
}

/** The OS keychain cannot protect a saved password: the clerk must opt in to keep it. */
export function keychainIsWeak(status: CredentialStatus | null): boolean {
  return status !== null && WEAK_BACKENDS.has(status.backend)
}
