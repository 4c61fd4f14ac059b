import type { Locator } from 'playwright'
import { DeskPage } from './desk-page'

/** The screens of the navigation, in the order of their Alt+1..4 shortcuts. */
export const SCREEN_NAMES = [
  'Connections',
  'New connection',
  'Outbox',
  'History',
  'Find a person'
] as const
export type ScreenName = (typeof SCREEN_NAMES)[number]

/** The header every screen shares: the PRACTICE badge, the screen buttons, who is signed in. */
export class AppHeader extends DeskPage {
  get banner(): Locator {
    return this.page.getByRole('banner')
  }

  get practiceBadge(): Locator {
    return this.banner.getByText('PRACTICE', { exact: true })
  }

  get navigation(): Locator {
    return this.page.getByRole('navigation', { name: 'Screens' })
  }

  screenButton(screen: ScreenName): Locator {
    // The outbox button's name grows with its counts ("Outbox 3 waiting").
    return this.navigation.getByRole('button', { name: new RegExp(`^${screen}\\b`) })
  }

  /** Switches screens as a clerk at the keyboard does: Alt+1 to Alt+5. */
  async goTo(screen: ScreenName): Promise<void> {
    await this.page.keyboard.press(`Alt+${SCREEN_NAMES.indexOf(screen) + 1}`)
    await this.screenButton(screen).and(this.page.locator('[aria-current="page"]')).waitFor()
  }

  /** The outbox button's text, e.g. "Outbox 3 waiting 1 needs you". */
  async outboxBadgeText(): Promise<string> {
    return normalizeSpace(await this.screenButton('Outbox').innerText())
  }

  /** Signs out, confirming when the app asks because results wait to be sent. */
  async signOut(): Promise<void> {
    await this.banner.getByRole('button', { name: 'Sign out' }).click()
    const signInHeading = this.page.getByRole('heading', { name: 'Sign in to Access ACS' })
    const question = this.page.getByRole('dialog', { name: /^Sign out with/ })
    await signInHeading.or(question).first().waitFor()
    if (await question.isVisible()) await question.getByRole('button', { name: 'Sign out' }).click()
    await signInHeading.waitFor()
  }
}

export function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ').trim()
}
