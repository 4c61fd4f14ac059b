import type { Locator } from 'playwright'
import { normalizeSpace } from './app-header'
import { DeskPage } from './desk-page'

export interface OutboxEntryText {
  /** "Keep open — Ann Lee" */
  title: string
  /** Everything the entry says, spaces collapsed: its state, attention reasons, comment. */
  text: string
}

/** The outbox: unsent results, their states, and what a clerk can do to each. */
export class OutboxPage extends DeskPage {
  get region(): Locator {
    return this.page.getByRole('region', { name: 'Outbox' })
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Outbox', exact: true })
  }

  /** One list item per unsent result; each has a level-3 heading naming it. */
  get entries(): Locator {
    return this.region
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('heading', { level: 3 }) })
  }

  entry(title: string | RegExp): Locator {
    return this.entries.filter({
      has: this.page.getByRole('heading', { level: 3, name: title })
    })
  }

  async waitForShown(): Promise<void> {
    await this.heading.waitFor()
  }

  async entryTexts(): Promise<OutboxEntryText[]> {
    const result: OutboxEntryText[] = []
    for (const entry of await this.entries.all()) {
      result.push({
        title: normalizeSpace(await entry.getByRole('heading', { level: 3 }).innerText()),
        text: normalizeSpace(await entry.innerText())
      })
    }
    return result
  }

  /** Waits until every entry's text matches (e.g. every one says "Paused: sign in again"). */
  async waitForEveryEntry(wanted: RegExp, count: number, timeout = 30_000): Promise<void> {
    await this.entries
      .filter({ hasText: wanted })
      .nth(count - 1)
      .waitFor({ timeout })
  }

  /** Waits until `count` entries say they were tried exactly `tries` times. */
  async waitForTries(tries: number, count: number, timeout = 30_000): Promise<void> {
    const label = tries === 1 ? '1 attempt' : `${tries} attempts`
    await this.entries
      .filter({ has: this.page.getByText(label, { exact: true }) })
      .nth(count - 1)
      .waitFor({ timeout })
  }

  /** How many times each listed result was tried, in the order shown (0 when never). */
  async tryCounts(): Promise<number[]> {
    const counts: number[] = []
    for (const entry of await this.entries.all()) {
      const summary = entry.locator('details > summary')
      const text = (await summary.count()) === 0 ? '0' : await summary.innerText()
      counts.push(Number.parseInt(text, 10))
    }
    return counts
  }

  /** Waits until exactly `count` results are listed. */
  async waitForCount(count: number, timeout = 30_000): Promise<void> {
    await this.entries.nth(count).waitFor({ state: 'detached', timeout })
    if (count > 0) await this.entries.nth(count - 1).waitFor({ timeout })
  }

  /** The attempts table of an entry, opened: one row of cells per attempt. */
  async attempts(entry: Locator): Promise<string[][]> {
    const details = entry.getByRole('group')
    if ((await details.count()) === 0) return []
    await entry.getByText(/^\d+ attempts?$/).click()
    const rows = entry.getByRole('row').filter({ has: this.page.getByRole('cell') })
    const cells: string[][] = []
    for (const row of await rows.all()) {
      cells.push((await row.getByRole('cell').allInnerTexts()).map(normalizeSpace))
    }
    return cells
  }

  async retryNow(entry: Locator): Promise<void> {
    await entry.getByRole('button', { name: 'Retry now' }).click()
  }

  async edit(entry: Locator): Promise<void> {
    await entry.getByRole('button', { name: 'Edit' }).click()
  }

  get discardDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Discard this result?' })
  }

  /** Opens the discard confirmation of an entry (and leaves it open). */
  async askDiscard(entry: Locator): Promise<void> {
    await entry.getByRole('button', { name: 'Discard' }).click()
    await this.discardDialog.waitFor()
  }

  /** Makes every waiting result due at once (never one that needs attention). */
  get sendAllNowButton(): Locator {
    return this.region.getByRole('button', { name: 'Send all now' })
  }

  get signInAgainButton(): Locator {
    return this.region.getByRole('button', { name: 'Sign in again' })
  }
}
