import type { Locator } from 'playwright'
import { waitUntil } from '../driver/wait-until'
import { normalizeSpace } from './app-header'
import { DeskPage, readTableCells } from './desk-page'

/** One sent result as the History table shows it. */
export interface HistoryRow {
  changeRequest: string
  sent: string
  user: string
  operation: string
  contact: string
  type: string
  /** The follow-up: "Applied since …", "Waiting for approval since …", … */
  applied: string
  check: string
}

const COLUMNS: ReadonlyArray<keyof HistoryRow> = [
  'changeRequest',
  'sent',
  'user',
  'operation',
  'contact',
  'type',
  'applied',
  'check'
]

/** The History screen: results that went out, newest first, with their change request ids. */
export class HistoryPage extends DeskPage {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'History', exact: true })
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: 'Sent results, newest first' })
  }

  get rows(): Locator {
    return this.table.getByRole('row').filter({ has: this.page.getByRole('cell') })
  }

  get search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search sent results' })
  }

  get checkNowButton(): Locator {
    return this.page.getByRole('button', { name: 'Check now' })
  }

  /** Asks for a follow-up check once the last one has ended (the button is off meanwhile). */
  async checkNow(): Promise<void> {
    await this.checkNowButton.and(this.page.locator(':enabled')).click()
  }

  /** History's follow-up filter. */
  async show(choice: string): Promise<void> {
    await this.page.getByRole('combobox', { name: 'Show' }).selectOption({ label: choice })
  }

  async waitForShown(): Promise<void> {
    await this.heading.waitFor()
  }

  /**
   * Waits until a row shows every field of `wanted` (a change request's id, say), and
   * returns it. Rows left by earlier results never satisfy it, so it cannot return early
   * the way a count of rows could.
   */
  async waitForRow(wanted: Partial<HistoryRow>, timeout = 30_000): Promise<HistoryRow> {
    const matches = (row: HistoryRow): boolean =>
      Object.entries(wanted).every(([column, value]) => row[column as keyof HistoryRow] === value)
    return waitUntil(
      `History shows a row with ${JSON.stringify(wanted)}`,
      async () => (await this.readRows()).find(matches),
      {
        timeoutMs: timeout,
        intervalMs: 100,
        describe: async () => JSON.stringify(await this.readRows())
      }
    )
  }

  /** The rows as the table holds them now, read in one go so a re-render cannot tear them. */
  async readRows(): Promise<HistoryRow[]> {
    return (await readTableCells(this.table)).map((cells) => {
      const entry: Partial<HistoryRow> = {}
      COLUMNS.forEach((column, index) => (entry[column] = normalizeSpace(cells[index] ?? '')))
      return entry as HistoryRow
    })
  }
}
