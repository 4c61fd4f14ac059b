import type { Locator } from 'playwright'
import { DeskPage } from './desk-page'
import { StatusBar } from './status-bar'

export interface ChurchSignIn {
  baseUrl: string
  siteNumber: number | string
  username: string
  password: string
}

export interface EmailSignIn {
  baseUrl: string
  email: string
  password: string
}

/**
 * The sign-in screen: the practice site (as its administrator or any practice user), or the
 * church's own site by e-mail (with the site picker) or the older way (site number and user).
 */
export class SignInPage extends DeskPage {
  get region(): Locator {
    return this.page.getByRole('region', { name: 'Sign in to Access ACS' })
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Sign in to Access ACS' })
  }

  async waitForShown(): Promise<void> {
    await this.heading.waitFor()
  }

  /** The first-run choice: the practice site; resolves once its status bar shows. */
  async usePractice(): Promise<void> {
    await this.region.getByRole('button', { name: 'Use the practice site' }).click()
    await new StatusBar(this.page).root.waitFor()
  }

  /** Opens the practice site's details and signs in as one of its users. */
  async usePracticeAs(userName: string): Promise<void> {
    await this.practiceDetails()
    await this.region.getByRole('button', { name: `Sign in as ${userName}`, exact: true }).click()
    await this.heading.waitFor({ state: 'detached' })
    await new StatusBar(this.page).root.waitFor()
  }

  /** The practice site's address as the sign-in screen shows it (it starts the site). */
  async practiceAddress(): Promise<string> {
    await this.practiceDetails()
    const line = this.region.getByText(/^Practice site address:/)
    return (await line.locator('.url').innerText()).trim()
  }

  async practiceDetails(): Promise<void> {
    const summary = this.region.getByText('Train as another user, or try the e-mail sign-in')
    const details = this.region.locator('details').filter({ has: summary })
    if ((await details.getAttribute('open')) === null) await summary.click()
    await this.region.getByText(/^Practice site address:/).waitFor()
  }

  field(label: 'Site address' | 'E-mail' | 'Site number' | 'Username' | 'Password'): Locator {
    return this.region.getByLabel(label, { exact: true })
  }

  /** The church form's older path: site number, user name and password. */
  async useOlderPath(): Promise<void> {
    const toOlder = this.region.getByRole('button', {
      name: 'Sign in with a site number and user name instead'
    })
    if (await toOlder.isVisible()) await toOlder.click()
    await this.field('Site number').waitFor()
  }

  async useEmailPath(): Promise<void> {
    const toEmail = this.region.getByRole('button', { name: 'Sign in with your e-mail instead' })
    if (await toEmail.isVisible()) await toEmail.click()
    await this.field('E-mail').waitFor()
  }

  /** Types an e-mail and password into the church form and presses Sign in. */
  async submitEmail(credentials: EmailSignIn): Promise<void> {
    await this.useEmailPath()
    await this.field('Site address').fill(credentials.baseUrl)
    await this.field('E-mail').fill(credentials.email)
    await this.field('Password').fill(credentials.password)
    await this.region.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  /** The site picker's choices, as their labels read ("St. Mark's Church (site 12345) as jadams"). */
  async siteChoices(): Promise<string[]> {
    const picker = this.region.getByRole('group', { name: 'Choose the site' })
    await picker.waitFor()
    const labels = await picker.locator('label').allInnerTexts()
    return labels.map((label) => label.replace(/\s+/g, ' ').trim())
  }

  /** In the picker: moves to the choice with the arrow keys, as a clerk would, and signs in. */
  async chooseSite(siteNumber: number): Promise<void> {
    const picker = this.region.getByRole('group', { name: 'Choose the site' })
    const radios = picker.getByRole('radio')
    const count = await radios.count()
    for (let step = 0; step < count; step++) {
      const focused = picker.locator('input:focus')
      if ((await focused.getAttribute('value')) === String(siteNumber)) break
      await this.page.keyboard.press('ArrowDown')
    }
    await this.region.getByRole('button', { name: 'Sign in', exact: true }).click()
    await this.heading.waitFor({ state: 'detached' })
    await new StatusBar(this.page).root.waitFor()
  }

  /** Types the church's site and the clerk's credentials into the form and submits it. */
  async submit(credentials: ChurchSignIn): Promise<void> {
    await this.useOlderPath()
    await this.field('Site address').fill(credentials.baseUrl)
    await this.field('Site number').fill(String(credentials.siteNumber))
    await this.field('Username').fill(credentials.username)
    await this.field('Password').fill(credentials.password)
    await this.region.getByRole('button', { name: 'Sign in', exact: true }).click()
  }

  /** submit, then waits until the sign-in screen has given way to the site's screens. */
  async signIn(credentials: ChurchSignIn): Promise<void> {
    await this.submit(credentials)
    await this.heading.waitFor({ state: 'detached' })
    await new StatusBar(this.page).root.waitFor()
  }
}
