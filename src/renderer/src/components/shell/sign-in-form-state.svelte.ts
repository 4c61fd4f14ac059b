import {
  signInRequestSchema,
  type CredentialStatus,
  type SignInRequest
} from '../../../../shared/bridge/channels'
import {
  CredentialsRejectedError,
  InvalidSettingError,
  type DeskError
} from '../../../../shared/errors'

/** CONTRACT.md section 0; the church may correct it (the seed itself misspells the host). */
export const DEFAULT_BASE_URL = 'https://secure.accessacs.com/api_accessacs_mobile/v2'

export const SIGN_IN_FIELDS = [
  'baseUrl',
  'siteNumber',
  'username',
  'password',
  'applicationId'
] as const
export type SignInField = (typeof SIGN_IN_FIELDS)[number]

export const SIGN_IN_LABELS: Record<SignInField, string> = {
  baseUrl: 'Site address',
  siteNumber: 'Site number',
  username: 'Username',
  password: 'Password',
  applicationId: 'Application id'
}

export type SignInErrors = Partial<Record<SignInField | 'form', string[]>>

/** Keychains that keep the password as plain text, or that nobody could name. */
const WEAK_BACKENDS = new Set(['basic_text', 'unknown'])

/**
 * The church sign-in form: what the clerk typed, checked with the bridge's own schema
 * before it is sent, and the errors to show beside each field and in the summary. The
 * fields are plain state so inputs can bind to them; errors change only through methods.
 */
export class SignInFormState {
  baseUrl = $state(DEFAULT_BASE_URL)
  siteNumber = $state('')
  username = $state('')
  password = $state('')
  persistWithoutKeychain = $state(false)
  /** Advanced: empty keeps the application id in use; a GUID replaces it. */
  applicationId = $state('')
  #errors = $state.raw<SignInErrors>({})

  /** Starts from what the app already knows: the last site and user, never the password. */
  constructor(status: CredentialStatus | null) {
    if (status && !status.practice) {
      this.baseUrl = status.baseUrl || DEFAULT_BASE_URL
      this.siteNumber = status.siteNumber === null ? '' : String(status.siteNumber)
      this.username = status.username ?? ''
    }
  }

  get errors(): SignInErrors {
    return this.#errors
  }

  errorsFor(field: SignInField | 'form'): string[] {
    return this.#errors[field] ?? []
  }

  /** The summary's lines: each field's errors under its label, then the form's own. */
  get summary(): string[] {
    const lines = SIGN_IN_FIELDS.flatMap((field) =>
      this.errorsFor(field).map((message) => `${SIGN_IN_LABELS[field]}: ${message}`)
    )
    return [...lines, ...this.errorsFor('form')]
  }

  /** The first field with an error, to move the keyboard to. */
  get firstInvalidField(): SignInField | null {
    return SIGN_IN_FIELDS.find((field) => this.errorsFor(field).length > 0) ?? null
  }

  /** The request to send, or null with the errors set. */
  check(): SignInRequest | null {
    const siteNumberText = this.siteNumber.trim()
    const parsed = signInRequestSchema.safeParse({
      baseUrl: this.baseUrl,
      // Text that is not a whole number stays text, so the schema names the field.
      siteNumber: /^\d+$/.test(siteNumberText) ? Number(siteNumberText) : siteNumberText,
      username: this.username,
      password: this.password,
      persistWithoutKeychain: this.persistWithoutKeychain,
      ...(this.applicationId.trim() === '' ? {} : { applicationId: this.applicationId })
    })
    if (parsed.success) {
      this.#errors = {}
      return parsed.data
    }
    const errors: SignInErrors = {}
    for (const issue of parsed.error.issues) {
      const field = SIGN_IN_FIELDS.find((name) => name === issue.path[0])
      const message =
        field === 'siteNumber' && siteNumberText === ''
          ? 'Type the site number, like 12345'
          : issue.message
      ;(errors[field ?? 'form'] ??= []).push(message)
    }
    this.#errors = errors
    return null
  }

  /** A refusal from the main process or the site, shown where the clerk can act on it. */
  showFailure(error: DeskError): void {
    const errors: SignInErrors = {}
    for (const [path, messages] of Object.entries(error.fieldErrors ?? {})) {
      const field = SIGN_IN_FIELDS.find((name) => path === name || path.startsWith(`${name}.`))
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

  clearErrors(): void {
    this.#errors = {}
  }
}

/** The OS keychain cannot protect a saved password: the clerk must opt in to keep it. */
export function keychainIsWeak(status: CredentialStatus | null): boolean {
  return status !== null && WEAK_BACKENDS.has(status.backend)
}
