import type { Locator } from 'playwright'
import { normalizeSpace } from './app-header'
import { DeskPage } from './desk-page'

/** The delivery status bar at the foot of every screen of a signed-in site. */
export class StatusBar extends DeskPage {
  get root(): Locator {
    return this.page.getByRole('status', { name: 'Delivery status' })
  }

  async text(): Promise<string> {
    return normalizeSpace(await this.root.innerText())
  }

  /** Waits until the bar says this (a substring or a pattern). */
  async waitFor(wanted: string | RegExp, timeout = 30_000): Promise<void> {
    await this.root.filter({ hasText: wanted }).waitFor({ timeout })
  }

  get signInButton(): Locator {
    return this.root.getByRole('button', { name: 'Sign in' })
  }
}
