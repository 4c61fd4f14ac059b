import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import SignInScreen from '$renderer/components/sign-in/sign-in-screen.svelte'
import { SessionState } from '$renderer/state/session-state.svelte'
import type { CredentialStatus, SignInRequest } from '$shared/bridge/channels'
import { CredentialsRejectedError, InvalidSettingError } from '$shared/errors'
import { accountOf } from '$test/shared/support/accounts'
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
const olderPath = () =>
  page.getByRole('button', { name: 'Sign in with a site number and user name instead' })

function errorBeside(input: Element): string {
  const ids = (input.getAttribute('aria-describedby') ?? '').split(' ').filter(Boolean)
  return ids
    .map((id) => document.getElementById(id))
    .filter((element) => element?.classList.contains('field-error'))
    .map((element) => textOf(element!))
    .join(' ')
}

function summaryLines(container: HTMLElement): string[] {
  return [...container.querySelectorAll('[role="alert"] .alert li')].map(textOf)
}

describe('sign-in screen, by e-mail', () => {
  it('asks for the e-mail and password first, and names each empty field before anything is sent', async () => {
    const { desk, container } = await showSignIn()
    expect(field('Site address').element()).toHaveProperty('value', DEFAULT_BASE_URL)
    expect(field('E-mail').element()).toHaveProperty('type', 'email')
    expect(field('Site number').query()).toBeNull()
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.click(signInButton())

    expect(summaryLines(container)).toEqual([
      'E-mail: Type the e-mail address you sign in to Access ACS with',
      'Password: Type your Access ACS password'
    ])
    expect(document.activeElement).toBe(field('E-mail').element())
    await userEvent.fill(field('E-mail'), 'jadams')
    await userEvent.fill(password(), 'password231')
    await userEvent.click(signInButton())
    expect(errorBeside(field('E-mail').element())).toBe(
      'The e-mail address should look like name@example.org'
    )
    expect(desk.findSitesRequests).toEqual([])
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('signs straight in when the e-mail may use one site', async () => {
    const { desk, session } = await showSignIn()
    desk.findSitesAnswer = async () => [accountOf({ userName: 'clerk', siteNumber: 12345 })]
    await userEvent.fill(field('E-mail'), ' clerk@practice.example ')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(signInButton())

    await expect.poll(() => session.signedIn).toBe(true)
    expect(desk.findSitesRequests).toEqual([
      { baseUrl: DEFAULT_BASE_URL, email: 'clerk@practice.example', password: 'clerk-pass-1' }
    ])
    expect(desk.emailSignInRequests).toEqual([
      expect.objectContaining({ siteNumber: 12345, password: 'clerk-pass-1' })
    ])
    expect(page.getByRole('group', { name: 'Choose the site' }).query()).toBeNull()
  })

  it('offers a picker when the e-mail may use several sites, and signs in at the one chosen by keyboard', async () => {
    const { desk, session, container } = await showSignIn()
    desk.findSitesAnswer = async () => [
      accountOf({ siteNumber: 12345, siteName: 'St. Mark’s Church' }),
      accountOf({ siteNumber: 12346, siteName: 'St. Mark’s School' })
    ]
    await userEvent.fill(field('E-mail'), 'jadams@practice.example')
    await userEvent.fill(password(), 'password231')
    await userEvent.keyboard('{Enter}')

    const picker = page.getByRole('group', { name: 'Choose the site' })
    await expect.element(picker).toBeVisible()
    const choices = page.getByRole('radio')
    expect(choices.elements().map((radio) => textOf(radio.closest('label')!))).toEqual([
      'St. Mark’s Church (site 12345) as jadams',
      'St. Mark’s School (site 12346) as jadams'
    ])
    expect(document.activeElement).toBe(choices.nth(0).element())
    expect(desk.emailSignInRequests).toEqual([])
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.keyboard('{ArrowDown}')
    await userEvent.click(signInButton())
    await expect.poll(() => session.signedIn).toBe(true)
    expect(desk.emailSignInRequests.map((request) => request.siteNumber)).toEqual([12346])
  })

  it('goes back from the picker to the e-mail and password', async () => {
    const { desk } = await showSignIn()
    desk.findSitesAnswer = async () => [
      accountOf({ siteNumber: 12345 }),
      accountOf({ siteNumber: 12346 })
    ]
    await userEvent.fill(field('E-mail'), 'jadams@practice.example')
    await userEvent.fill(password(), 'password231')
    await userEvent.click(signInButton())
    await userEvent.click(page.getByRole('button', { name: 'Back' }))
    expect(field('E-mail').element()).toHaveProperty('value', 'jadams@practice.example')
    expect(document.activeElement).toBe(password().element())
  })

  it('says plainly when the pair is wrong, and never shows or keeps the password', async () => {
    const { desk, session, container } = await showSignIn()
    const secret = 'not-the-password-42'
    desk.findSitesAnswer = async () => {
      throw new CredentialsRejectedError('Access ACS did not accept this e-mail and password')
    }
    await userEvent.fill(field('E-mail'), 'jadams@practice.example')
    await userEvent.fill(password(), secret)
    await userEvent.click(signInButton())

    await expect
      .element(page.getByRole('alert').filter({ hasText: 'Not signed in' }))
      .toMatchTextContent('Password: Access ACS did not accept this e-mail and password')
    expect(errorBeside(password().element())).toBe(
      'Access ACS did not accept this e-mail and password'
    )
    expect(document.activeElement).toBe(password().element())
    expect(session.signedIn).toBe(false)
    expect(password().element()).toHaveProperty('type', 'password')
    expect(container.textContent).not.toContain(secret)
    expect(container.innerHTML).not.toContain(secret)
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(secret)
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('sends the application id typed under Advanced with the e-mail too', async () => {
    const { desk } = await showSignIn()
    desk.findSitesAnswer = async () => [accountOf({ siteNumber: 12345 })]
    await userEvent.fill(field('E-mail'), 'jadams@practice.example')
    await userEvent.fill(password(), 'password231')
    await userEvent.click(page.getByText('Advanced'))
    await userEvent.fill(field('Application id'), '3F2504E0-4F89-11D3-9A0C-0305E82C3301')
    await userEvent.click(signInButton())
    await expect.poll(() => desk.emailSignInRequests.length).toBe(1)
    expect(desk.findSitesRequests[0]?.applicationId).toBe('3F2504E0-4F89-11D3-9A0C-0305E82C3301')
    expect(desk.emailSignInRequests[0]?.applicationId).toBe('3F2504E0-4F89-11D3-9A0C-0305E82C3301')
  })

  it('says so when the site lists no site for the e-mail', async () => {
    const { desk, session } = await showSignIn()
    desk.findSitesAnswer = async () => []
    await userEvent.fill(field('E-mail'), 'nobody@practice.example')
    await userEvent.fill(password(), 'whatever')
    await userEvent.click(signInButton())
    await expect
      .poll(() => errorBeside(field('E-mail').element()))
      .toMatch(/^Access ACS lists no site for this e-mail/)
    expect(session.signedIn).toBe(false)
    expect(desk.emailSignInRequests).toEqual([])
  })
})

describe('sign-in screen, the older path', () => {
  it('is one click away, and checks each field before anything is sent', async () => {
    const { container, requests } = await showSignIn()
    await userEvent.click(olderPath())
    expect(document.activeElement).toBe(field('Site number').element())
    expect(field('Site address').element()).toHaveProperty('value', DEFAULT_BASE_URL)
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.clear(field('Site address'))
    await userEvent.click(signInButton())

    expect(summaryLines(container)).toEqual([
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

    await userEvent.click(page.getByRole('button', { name: 'Sign in with your e-mail instead' }))
    expect(document.activeElement).toBe(field('E-mail').element())
    expect(summaryLines(container)).toEqual([])
  })

  it('starts there, filled in, when the last sign-in was the older way', async () => {
    await showSignIn({
      configured: false,
      siteNumber: 12345,
      username: 'clerk',
      baseUrl: 'https://acs.example.org/api'
    })
    expect(field('Site number').element()).toHaveProperty('value', '12345')
    expect(field('Username').element()).toHaveProperty('value', 'clerk')
    expect(field('Site address').element()).toHaveProperty('value', 'https://acs.example.org/api')
    expect(password().element()).toHaveProperty('value', '')
  })

  it('names a site number that is not a positive whole number', async () => {
    await showSignIn()
    await userEvent.click(olderPath())
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
    await userEvent.click(olderPath())
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
    await userEvent.click(olderPath())
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
    await userEvent.click(olderPath())
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
    await userEvent.click(olderPath())
    await userEvent.fill(field('Site address'), 'http://acs.example.org/api')
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(signInButton())
    await expect
      .poll(() => errorBeside(field('Site address').element()))
      .toBe('The site address must use https: plain http would send your password unprotected')
  })

  it('offers to keep the password anyway only where the keychain cannot protect it', async () => {
    const safe = await showSignIn({ backend: 'gnome_libsecret' })
    expect(safe.container.querySelector('input[type="checkbox"]')).toBeNull()
    await cleanUp()

    const weak = await showSignIn({ backend: 'basic_text' })
    expect(textOf(weak.container)).toContain(
      'This computer has no safe keychain (it reports “basic_text”)'
    )
    await userEvent.click(olderPath())
    await userEvent.fill(field('Site number'), '12345')
    await userEvent.fill(field('Username'), 'clerk')
    await userEvent.fill(password(), 'clerk-pass-1')
    await userEvent.click(page.getByRole('checkbox', { name: /Remember my password anyway/ }))
    await userEvent.click(signInButton())
    expect(weak.requests.map((request) => request.persistWithoutKeychain)).toEqual([true])
    expect(await seriousAxeProblems(weak.container)).toEqual([])
  })
})

describe('sign-in screen, the practice site', () => {
  it('the practice choice signs in to the practice site as its administrator', async () => {
    const { desk, session, requests } = await showSignIn()
    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await expect.poll(() => session.practice).toBe(true)
    expect(session.signedIn).toBe(true)
    expect(session.username).toBe('jadams')
    expect(desk.practiceStarts).toEqual([undefined])
    expect(requests).toEqual([])
  })

  it('shows where the practice site runs and lets a trainer sign in as any of its users', async () => {
    const { desk, session, container } = await showSignIn()
    await userEvent.click(page.getByText('Train as another user, or try the e-mail sign-in'))
    await expect
      .element(page.getByText(/^Practice site address:/))
      .toHaveTextContent(
        'Practice site address: http://127.0.0.1:40000/api_accessacs_mobile/v2, site 12345'
      )
    const users = page.getByRole('list', { name: 'Practice users' })
    expect(textOf(users.element())).toContain('clerk@practice.example')
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.click(page.getByRole('button', { name: 'Sign in as clerk' }))
    await expect.poll(() => session.signedIn).toBe(true)
    expect(session.practice).toBe(true)
    expect(session.username).toBe('clerk')
    expect(desk.practiceStarts).toEqual([{ userName: 'clerk' }])
  })

  it('puts the practice address into the e-mail form, to try the e-mail sign-in there', async () => {
    await showSignIn()
    await userEvent.click(page.getByText('Train as another user, or try the e-mail sign-in'))
    await userEvent.click(
      page.getByRole('button', { name: 'Use the practice address in the form' })
    )
    expect(field('Site address').element()).toHaveProperty(
      'value',
      'http://127.0.0.1:40000/api_accessacs_mobile/v2'
    )
    expect(document.activeElement).toBe(field('E-mail').element())
  })
})
