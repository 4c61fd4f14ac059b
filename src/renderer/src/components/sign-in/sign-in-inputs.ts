import type { HTMLInputAttributes } from 'svelte/elements'
import type { SignInField } from './sign-in-form-state.svelte'

/** What kind of input a sign-in field is: the keyboard and the autofill it invites. */
export interface InputKind {
  type: 'text' | 'email' | 'url' | 'password'
  autocomplete: HTMLInputAttributes['autocomplete']
  inputmode?: HTMLInputAttributes['inputmode']
}

export const SIGN_IN_INPUTS: Record<SignInField, InputKind> = {
  baseUrl: { type: 'url', autocomplete: 'url' },
  email: { type: 'email', autocomplete: 'email' },
  siteNumber: { type: 'text', autocomplete: 'off', inputmode: 'numeric' },
  username: { type: 'text', autocomplete: 'username' },
  password: { type: 'password', autocomplete: 'current-password' },
  applicationId: { type: 'text', autocomplete: 'off' }
}

export const SIGN_IN_HINTS: Partial<Record<SignInField, string>> = {
  baseUrl: 'Keep it as it is unless your administrator gives you another.',
  email: 'The e-mail you sign in to Access ACS with.'
}
