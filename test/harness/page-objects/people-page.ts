import type { Locator } from 'playwright'
import { HarnessError } from '../harness-error'
import { DeskPage, type PageElement } from './desk-page'

/** "Find a person" (Alt+5): the directory search and the found person's connections. */
export class PeoplePage extends DeskPage {
  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Find a person' })
  }

  get search(): Locator {
    return this.page.getByRole('combobox', { name: 'Person' })
  }

  connections(personName: string): Locator {
    return this.page.getByRole('list', { name: `Connections of ${personName}` })
  }

  /** The line that says where the connections come from and when they were fetched. */
  get source(): Locator {
    return this.page
      .getByRole('region', { name: 'Find a person' })
      .getByRole('status')
      .filter({ hasText: /connections?, fetched|connections as fetched|Fetching their/ })
  }

  /**
   * Types the name and chooses, with ↓ and Enter, the match whose name reads `personName`
   * (the search tolerates typos, so others may be listed above it). Starts over when a
   * person is already chosen.
   */
  async find(query: string, personName: string): Promise<void> {
    await this.heading.waitFor()
    const change = this.page.getByRole('button', { name: 'Change person' })
    if (await change.isVisible()) await change.click()
    await this.search.fill(query)
    const listbox = this.page.getByRole('listbox', { name: `People matching “${query.trim()}”` })
    const option = listbox.getByRole('option').filter({ hasText: personName }).first()
    await option.waitFor()
    const options = await listbox.getByRole('option').allInnerTexts()
    const index = options.findIndex((text) => text.split('\n')[0]?.trim() === personName)
    if (index < 0) throw new HarnessError(`No match reads ${personName}: ${options.join(' | ')}`)
    for (let step = 0; step <= index; step++) await this.search.press('ArrowDown')
    await this.search.press('Enter')
    await this.page.getByRole('button', { name: `New connection for ${personName}` }).waitFor()
  }

  /** The ids of the connections listed for the person, read in one task of the page. */
  connectionIds(personName: string): Promise<number[]> {
    return this.connections(personName).evaluate((element) =>
      Array.from((element as unknown as PageElement).querySelectorAll('button.open')).map(
        (button) => Number((button as unknown as { dataset: { id: string } }).dataset.id)
      )
    )
  }

  /**
   * Opens the result form of one connection by keyboard: focus on the first connection,
   * ↓ until this one, Enter.
   */
  async openByKeyboard(personName: string, connectionId: number): Promise<void> {
    const list = this.connections(personName)
    await list.locator(`button.open[data-id="${connectionId}"]`).waitFor()
    const ids = await this.connectionIds(personName)
    const index = ids.indexOf(connectionId)
    await list.locator('button.open').first().focus()
    for (let step = 0; step < index; step++) await this.page.keyboard.press('ArrowDown')
    const focused = await list.evaluate(
      (element) =>
        (element as unknown as { ownerDocument: { activeElement: { dataset?: { id?: string } } } })
          .ownerDocument.activeElement.dataset?.id
    )
    if (focused !== String(connectionId)) {
      throw new HarnessError(`The keyboard reached connection ${focused}, not ${connectionId}`)
    }
    await this.page.keyboard.press('Enter')
  }
}
