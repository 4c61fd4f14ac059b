import type { Locator } from 'playwright'
import { normalizeSpace } from './app-header'
import { DeskPage, type PageElement } from './desk-page'

export interface PrintedEntry {
  number: number
  connectionId: number
  contactName: string
}

/** The call sheets' print view, and the "From a sheet" box that keys them back in. */
export class CallSheetsPage extends DeskPage {
  get view(): Locator {
    return this.page.getByRole('dialog', { name: 'Call sheets' })
  }

  get fromSheet(): Locator {
    return this.page.getByRole('dialog', { name: 'From a sheet' })
  }

  /** From the connections list: "Print call sheets…", then waits for the numbered sheets. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Print call sheets…' }).click()
    await this.view.locator('tr.entry').first().waitFor()
  }

  async close(): Promise<void> {
    await this.view.getByRole('button', { name: 'Close' }).click()
    await this.view.waitFor({ state: 'detached' })
  }

  /** Every printed connection, in print order, read in one go. */
  async entries(): Promise<PrintedEntry[]> {
    const rows = await this.view.evaluate((element) =>
      Array.from((element as unknown as PageElement).querySelectorAll('tr.entry')).map((row) => ({
        number: row.querySelector('.number')?.innerText ?? '',
        connectionId: row.getAttribute('data-connection-id') ?? '',
        contactName: row.querySelector('.name')?.innerText ?? ''
      }))
    )
    return rows.map((row) => ({
      number: Number(row.number.replace('#', '')),
      connectionId: Number(row.connectionId),
      contactName: normalizeSpace(row.contactName)
    }))
  }

  async churchName(): Promise<string> {
    return normalizeSpace(await this.view.locator('.church').first().innerText())
  }

  async groupCount(): Promise<number> {
    return this.view.locator('table.sheet').count()
  }

  /** Alt+S, the number, Enter: as a clerk keys in a sheet. */
  async keyIn(number: number): Promise<void> {
    await this.page.keyboard.press('Alt+KeyS')
    const box = this.fromSheet.getByRole('textbox', { name: 'Sheet number' })
    await box.waitFor()
    await box.fill(String(number))
    await this.page.keyboard.press('Enter')
  }

  async keyInError(): Promise<string> {
    const alert = this.fromSheet.getByRole('alert').locator('p')
    await alert.waitFor()
    return normalizeSpace(await alert.innerText())
  }
}
