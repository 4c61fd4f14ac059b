import { errors, type Locator } from 'playwright'
import { waitUntil } from '../driver/wait-until'
import { normalizeSpace } from './app-header'
import { DeskPage, readTableCells, type PageElement } from './desk-page'

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

  /**
   * Every entry as the list holds it now, read in one task of the page: the list re-renders
   * as delivery runs, so reading entry by entry could mix two versions of it.
   */
  async entryTexts(): Promise<OutboxEntryText[]> {
    const raw = await this.region.evaluate((element) =>
      Array.from((element as unknown as PageElement).querySelectorAll('li'))
        .filter((item) => item.querySelector('h3') !== null)
        .map((item) => ({ title: item.querySelector('h3')?.innerText ?? '', text: item.innerText }))
    )
    return raw.map((entry) => ({
      title: normalizeSpace(entry.title),
      text: normalizeSpace(entry.text)
    }))
  }

  /**
   * Waits until every entry matches `wanted` (every one says "Paused: sign in again", say) in
   * one reading of the list, with exactly `count` entries when given, else at least one.
   * Returns the entries of that reading.
   */
  async waitForEveryEntry(
    wanted: RegExp,
    count?: number,
    timeout = 30_000
  ): Promise<OutboxEntryText[]> {
    return waitUntil(
      `the outbox lists ${count ?? 'some'} entries, each matching ${wanted}`,
      async () => {
        const entries = await this.entryTexts()
        const counted = count === undefined ? entries.length > 0 : entries.length === count
        return counted && entries.every((entry) => wanted.test(entry.text)) ? entries : undefined
      },
      { timeoutMs: timeout, intervalMs: 100, describe: () => this.describeEntries() }
    )
  }

  /** Waits until exactly `count` entries match `wanted` ("Waiting to send", say), whatever the rest say. */
  async waitForMatching(wanted: RegExp, count: number, timeout = 30_000): Promise<void> {
    await waitUntil(
      `the outbox lists ${count} entries matching ${wanted}`,
      async () => {
        const matching = (await this.entryTexts()).filter((entry) => wanted.test(entry.text))
        return matching.length === count ? true : undefined
      },
      { timeoutMs: timeout, intervalMs: 100, describe: () => this.describeEntries() }
    )
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
    await waitUntil(
      `the outbox lists ${count} entries`,
      async () => ((await this.entries.count()) === count ? true : undefined),
      { timeoutMs: timeout, intervalMs: 100, describe: () => this.describeEntries() }
    )
  }

  private async describeEntries(): Promise<string> {
    return JSON.stringify((await this.entryTexts()).map((entry) => entry.text))
  }

  /** The attempts table of an entry, opened: one row of cells per attempt. */
  async attempts(entry: Locator): Promise<string[][]> {
    const details = entry.getByRole('group')
    if ((await details.count()) === 0) return []
    await entry.getByText(/^\d+ attempts?$/).click()
    const table = entry.getByRole('table')
    await table.waitFor()
    return (await readTableCells(table)).map((cells) => cells.map(normalizeSpace))
  }

  async retryNow(entry: Locator): Promise<void> {
    await entry.getByRole('button', { name: 'Retry now' }).click()
  }

  /**
   * Presses "Retry now" on the entry unless delivery takes the result first: a retry that
   * comes due may send it at any moment (the button is disabled while it is out, and the
   * entry goes once it is sent). A loaded run once saw the entry go under the click.
   */
  async retryNowUnlessSent(entry: Locator, timeoutMs = 30_000): Promise<void> {
    const button = entry.getByRole('button', { name: 'Retry now' })
    await waitUntil(
      'Retry now is pressed, or the result is sent without it',
      async () => {
        if ((await entry.count()) === 0) return 'sent'
        try {
          await button.click({ timeout: 1_000 })
          return 'pressed'
        } catch (error) {
          if (error instanceof errors.TimeoutError) return undefined
          throw error
        }
      },
      {
        timeoutMs,
        intervalMs: 100,
        describe: async () =>
          (await entry.count()) === 0
            ? 'no entry'
            : normalizeSpace(await entry.innerText({ timeout: 1_000 }))
      }
    )
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
