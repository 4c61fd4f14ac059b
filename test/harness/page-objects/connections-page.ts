import type { Locator } from 'playwright'
import { waitUntil } from '../driver/wait-until'
import { HarnessError } from '../harness-error'
import { normalizeSpace } from './app-header'
import { DeskPage, readTableCells, type PageElement } from './desk-page'

/** The connections screen: the open connections list, its filters and keyboard moves. */
export class ConnectionsPage extends DeskPage {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Open connections' })
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: /^Open connections/ })
  }

  /** The data rows (the header row has column headers, not cells). */
  get rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') })
  }

  /** The button that opens the row's result form: it carries the contact's name. */
  rowButton(index: number): Locator {
    return this.rows.nth(index).getByRole('button').first()
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search contact' })
  }

  get typeFilter(): Locator {
    return this.page.getByRole('combobox', { name: 'Type', exact: true })
  }

  /** Waits until a reference data download (after a sign-in) has finished. */
  async waitForDataSettled(timeout = 30_000): Promise<void> {
    await this.page.getByRole('button', { name: 'Refresh data', exact: true }).waitFor({ timeout })
  }

  /** Waits until the list shows at least `count` rows. */
  async waitForRows(count = 1, timeout = 30_000): Promise<void> {
    await this.rows.nth(count - 1).waitFor({ timeout })
  }

  async rowCount(): Promise<number> {
    return this.rows.count()
  }

  /** Each row's cells as text: contact (with its unsent mark), type, assignee, due, comment. */
  async rowTexts(): Promise<string[][]> {
    return (await readTableCells(this.table)).map((cells) => cells.map(normalizeSpace))
  }

  /** The contact of each rendered row, read in one go (the list re-renders as data arrives). */
  async contactNames(): Promise<string[]> {
    const names = await this.table.evaluate((element) =>
      Array.from((element as unknown as PageElement).querySelectorAll('tbody > tr'))
        .filter((row) => row.getAttribute('aria-hidden') !== 'true')
        .map((row) => row.querySelector('td button')?.innerText)
        .filter((name) => name !== undefined)
    )
    return names.map(normalizeSpace)
  }

  /** The "20 open" or "3 of 20 shown" line. */
  async countText(): Promise<string> {
    return normalizeSpace(await this.page.getByText(/^(\d+ open|\d+ of \d+ shown)$/).innerText())
  }

  /**
   * Chooses a type and waits until the list has redrawn for it: a row read right after the
   * choice could be one the filter is about to remove (a loaded page redraws late).
   * "All types" waits for the unfiltered count, so the other filters must be clear.
   */
  async filterByType(description: string): Promise<void> {
    await this.typeFilter.selectOption({ label: description })
    const count = this.page.locator('.connections .count')
    await waitUntil(
      description === 'All types'
        ? 'the list shows every type again'
        : `the list shows only ${description} connections`,
      async () => {
        if (description === 'All types')
          return /^\d+ open$/.test(await count.innerText()) || undefined
        const rows = await this.rowTexts()
        return rows.every((cells) => cells[1] === description) || undefined
      },
      {
        timeoutMs: 30_000,
        intervalMs: 50,
        describe: async () =>
          `${await count.innerText()}; types ${(await this.rowTexts()).map((cells) => cells[1]).join(', ')}`
      }
    )
  }

  /** Into the list from the search box with Arrow Down, as the filters offer. */
  async focusList(): Promise<void> {
    await this.search.focus()
    await this.page.keyboard.press('ArrowDown')
    await this.focusedRow()
  }

  /** The index (among the rendered rows) of the row whose button has the focus, read in one go. */
  async focusedRow(): Promise<number> {
    const index = await this.table.evaluate((element) =>
      Array.from((element as unknown as PageElement).querySelectorAll('tbody > tr'))
        .filter((row) => row.getAttribute('aria-hidden') !== 'true' && row.querySelector('td'))
        .findIndex(
          (row) =>
            row.querySelector('td button') ===
            (globalThis as unknown as { document: { activeElement: unknown } }).document
              .activeElement
        )
    )
    if (index < 0) throw new HarnessError('No row of the connections list has the keyboard focus')
    return index
  }

  /** Moves the focus to a row with j and k, the list's own keys. */
  async moveTo(index: number): Promise<void> {
    let at = await this.focusedRow()
    while (at !== index) {
      await this.page.keyboard.press(at < index ? 'j' : 'k')
      const now = await this.focusedRow()
      if (now === at) throw new HarnessError(`The list did not move past row ${at}`)
      at = now
    }
  }

  /** Opens the row's result form from the keyboard: into the list, j/k to it, Enter. */
  async openByKeyboard(index: number): Promise<string> {
    if (!(await this.isListFocused())) await this.focusList()
    await this.moveTo(index)
    const name = normalizeSpace(await this.rowButton(index).innerText())
    await this.page.keyboard.press('Enter')
    await this.page.getByRole('region', { name: `Result for ${name}` }).waitFor()
    return name
  }

  async isListFocused(): Promise<boolean> {
    try {
      await this.focusedRow()
      return true
    } catch (error) {
      if (error instanceof HarnessError) return false
      throw error
    }
  }
}
