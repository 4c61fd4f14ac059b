import type { Locator } from 'playwright'
import { DeskPage } from './desk-page'
import { StatusBar } from './status-bar'

export interface ChurchSignIn {
  baseUrl: string
  siteNumber: number | string
  username: string
  password: string
}

/** The sign-in screen: the practice site, or the church's own site by its form. */
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

  field(label: 'Site address' | 'Site number' | 'Username' | 'Password'): Locator {
    return this.region.getByLabel(label, { exact: true })
  }

  /** Types the church's site and the clerk's credentials into the form and submits it. */
  async submit(credentials: ChurchSignIn): Promise<void> {
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
