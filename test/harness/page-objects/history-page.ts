import type { Locator } from 'playwright'
import { normalizeSpace } from './app-header'
import { DeskPage } from './desk-page'

/** One sent result as the History table shows it. */
export interface HistoryRow {
  changeRequest: string
  sent: string
  user: string
  operation: string
  contact: string
  type: string
  check: string
}

const COLUMNS: ReadonlyArray<keyof HistoryRow> = [
  'changeRequest',
  'sent',
  'user',
  'operation',
  'contact',
  'type',
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

  async waitForShown(): Promise<void> {
    await this.heading.waitFor()
  }

  async waitForRows(count: number, timeout = 30_000): Promise<void> {
    await this.rows.nth(count - 1).waitFor({ timeout })
  }

  async readRows(): Promise<HistoryRow[]> {
    const result: HistoryRow[] = []
    for (const row of await this.rows.all()) {
      const cells = (await row.getByRole('cell').allInnerTexts()).map(normalizeSpace)
      const entry: Partial<HistoryRow> = {}
      COLUMNS.forEach((column, index) => (entry[column] = cells[index] ?? ''))
      result.push(entry as HistoryRow)
    }
    return result
  }
}
