import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import SignInScreen from '../../../../src/renderer/src/components/shell/sign-in-screen.svelte'
import { SessionState } from '../../../../src/renderer/src/state/session-state.svelte'
import type { CredentialStatus, SignInRequest } from '../../../../src/shared/bridge/channels'
import { CredentialsRejectedError, InvalidSettingError } from '../../../../src/shared/errors'
import { FakeDesk } from '../../support/fake-desk'
import { cleanUp, mountComponent, seriousAxeProblems, textOf } from '../../support/screen-helpers'

afterEach(cleanUp)

const DEFAULT_BASE_URL = 'https://secure.accessacs.com/api_accessacs_mobile/v2'

async function showSignIn(status: Partial<CredentialStatus> = {}) {
  const desk = new FakeDesk()
  desk.status = { ...desk.status, ...status }
  const requests: SignInRequest[] = []
  const answer = desk.signInAnswer
  desk.signInAnswer = (request) => {
    requests.push(request)
    return answer(request)
  }
  const session = new SessionState(desk)
  await session.load()
  const container = mountComponent(SignInScreen, { session, reason: null, otherSites: [] })
  return { desk, session, container, requests }
}

const field = (name: string) => page.getByRole('textbox', { name, exact: true })
const password = () => page.getByLabelText('Password', { exact: true })
const signInButton = () => page.getByRole('button', { name: 'Sign in', exact: true })

function errorBeside(input: Element): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('field-error'))
    .map((element) => textOf(element!))
    .join(' ')
}

describe('sign-in screen', () => {
  it('starts with the default site address, and checks each field before anything is sent', async () => {
    const { container, requests } = await showSignIn()
    expect(field('Site address').element()).toHaveProperty('value', DEFAULT_BASE_URL)
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.clear(field('Site address'))
    await userEvent.click(signInButton())

    const summary = [...container.querySelectorAll('[role="alert"] .alert li')].map(textOf)
    expect(summary).toEqual([
      'Site address: Type the site address',
      'Site number: Type the site number, like 12345',
      'Username: Type your Access ACS username',
      'Password: Type your Access ACS password'
    ])
    expect(errorBeside(field('Site address').element())).toBe('Type the site address')
    expect(errorBeside(field('Site number').element())).toBe('Type the site number, like 12345')
    expect(errorBeside(field('Username').element())).toBe('Type your Access ACS username')
    expect(errorBeside(password().element())).toBe('Type your Access ACS password')
    for (const input of [
      field('Site address'),
      field('Site number'),
      field('Username'),
      password()
    ]) {
      expect(input.element().getAttribute('aria-invalid')).toBe('true')
    }
    expect(document.activeElement).toBe(field('Site address').element())
    expect(requests).toEqual([])
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('names a site number that is not a positive whole number', async () => {
    await showSignIn()
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.fill(field('Site number'), '12a45')
    await userEvent.click(signInButton())
    expect(errorBeside(field('Site number').element())).toBe(
      'The site number must be a whole number, like 12345'
    )
    expect(document.activeElement).toBe(field('Site number').element())

    await userEvent.fill(field('Site number'), '0')
    await userEvent.click(signInButton())
    expect(errorBeside(field('Site number').element())).toBe(
      'The site number must be a positive whole number, like 12345'
    )
    expect(field('Username').element().getAttribute('aria-invalid')).toBe('false')
  })

  it('sends a valid sign-in with the site number as a number', async () => {
    const { session, requests } = await showSignIn()
    await userEvent.fill(field('Site number'), ' 12345 ')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), ' pass with spaces ')
    await userEvent.click(signInButton())
    expect(requests).toEqual([
      {
        baseUrl: DEFAULT_BASE_URL,
        siteNumber: 12345,
        username: 'clerk',
        password: ' pass with spaces ',
        persistWithoutKeychain: false
      }
    ])
    expect(session.signedIn).toBe(true)
  })

  it('sends an application id typed under Advanced, and names one that is not a GUID', async () => {
    const { requests } = await showSignIn()
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(page.getByText('Advanced'))
    await userEvent.fill(field('Application id'), 'not-a-guid')
    await userEvent.click(page.getByText('Advanced'))
    await userEvent.click(signInButton())
    expect(requests).toEqual([])
    expect(errorBeside(field('Application id').element())).toMatch(
      /^The application id must be a GUID/
    )
    // The closed section opens again, so the keyboard lands in the field to fix.
    expect(document.activeElement).toBe(field('Application id').element())

    await userEvent.fill(field('Application id'), '3F2504E0-4F89-11D3-9A0C-0305E82C3301')
    await userEvent.click(signInButton())
    expect(requests).toEqual([
      expect.objectContaining({ applicationId: '3F2504E0-4F89-11D3-9A0C-0305E82C3301' })
    ])
  })

  it('shows a refused password beside the password and in the summary', async () => {
    const { desk, container } = await showSignIn()
    desk.signInAnswer = async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this username and password')
    }
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'wrong')
    await userEvent.click(signInButton())
    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not signed in' }))
      .toMatchTextContent('Password: Access ACS did not accept this username and password')
    expect(errorBeside(password().element())).toBe(
      'Access ACS did not accept this username and password'
    )
    expect(document.activeElement).toBe(password().element())
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('puts a refused site address beside the address field', async () => {
    const { desk } = await showSignIn()
    desk.signInAnswer = async () => {
      throw new InvalidSettingError(
        'The site address must use https: plain http would send your password unprotected'
      )
    }
    await userEvent.fill(field('Site address'), 'http://acs.example.org/api')
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(signInButton())
    await expect
      .poll(() => errorBeside(field('Site address').element()))
      .toBe('The site address must use https: plain http would send your password unprotected')
  })

  it('the practice choice signs in to the practice site', async () => {
    const { session, requests } = await showSignIn()
    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await expect.poll(() => session.practice).toBe(true)
    expect(session.signedIn).toBe(true)
    expect(requests).toEqual([])
  })

  it('offers to keep the password anyway only where the keychain cannot protect it', async () => {
    const safe = await showSignIn({ backend: 'gnome_libsecret' })
    expect(safe.container.querySelector('input[type="checkbox"]')).toBeNull()
    await cleanUp()

    const weak = await showSignIn({ backend: 'basic_text' })
    expect(textOf(weak.container)).toContain(
      'This computer has no safe keychain (it reports “basic_text”)'
    )
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(page.getByRole('checkbox', { name: /Remember my password anyway/ }))
    await userEvent.click(signInButton())
    expect(weak.requests.map((request) => request.persistWithoutKeychain)).toEqual([true])
    expect(await seriousAxeProblems(weak.container)).toEqual([])
  })
})
