import type { Locator } from 'playwright'
import { DeskPage } from './desk-page'
import { describedText, errorBeside } from './form-keys'

export interface NewConnectionEntry {
  /** Typed into the contact search; the first match is chosen with the keyboard. */
  contactQuery: string
  family?: boolean
  typeDescription: string
  /** A team by name; a person otherwise, by `personQuery`. */
  teamName?: string
  personQuery?: string
  responses?: string[]
  comment?: string
  complete?: boolean
}

/** The new connection form (also its edit of an unsent new connection). */
export class NewConnectionPage extends DeskPage {
  get form(): Locator {
    return this.page.getByRole('form', {
      name: /^(New connection|Change the unsent new connection)$/
    })
  }

  get contactSearch(): Locator {
    return this.form.getByRole('combobox', { name: 'Contact' })
  }

  /** The chosen contact, with its Change button. */
  get chosenContact(): Locator {
    return this.form.getByRole('group', { name: 'Contact' })
  }

  get connectionType(): Locator {
    return this.form.getByRole('combobox', { name: 'Connection type' })
  }

  get date(): Locator {
    return this.form.getByRole('textbox', { name: 'Date' })
  }

  get comment(): Locator {
    return this.form.getByRole('textbox', { name: 'Comment' })
  }

  get personSearch(): Locator {
    return this.form.getByRole('combobox', { name: 'Person' })
  }

  get team(): Locator {
    return this.form.getByRole('combobox', { name: 'Team' })
  }

  get complete(): Locator {
    return this.form.getByRole('checkbox', { name: /^Already completed/ })
  }

  kind(family: boolean): Locator {
    return this.form.getByRole('radio', { name: family ? /^Family/ : /^Individual/ })
  }

  assigneeKind(kind: 'A person' | 'A team'): Locator {
    return this.form.getByRole('radio', { name: kind })
  }

  response(description: string): Locator {
    return this.form.getByRole('checkbox', { name: description, exact: true })
  }

  get errorSummary(): Locator {
    return this.form.getByRole('alert').filter({ hasText: 'Not saved' })
  }

  /** What a person search says of its matches ("No one in the offline directory …"). */
  searchStatus(search: Locator): Promise<string> {
    return describedText(search, '-status')
  }

  async waitForShown(): Promise<void> {
    await this.form.waitFor()
  }

  errorBeside(control: Locator): Promise<string> {
    return errorBeside(control)
  }

  /** Types into a person search and picks the first match with Arrow Down and Enter. */
  async choosePerson(search: Locator, query: string): Promise<string> {
    await search.fill(query)
    const listbox = this.page.getByRole('listbox', { name: `People matching “${query.trim()}”` })
    await listbox.getByRole('option').first().waitFor()
    await search.press('ArrowDown')
    const chosen = await listbox.getByRole('option').first().innerText()
    await search.press('Enter')
    return chosen.split('\n')[0]?.trim() ?? ''
  }

  /** Fills every field the entry names; returns the contact's name as chosen. */
  async enter(entry: NewConnectionEntry): Promise<string> {
    const contact = await this.choosePerson(this.contactSearch, entry.contactQuery)
    await this.kind(entry.family ?? false).check()
    await this.connectionType.selectOption({ label: entry.typeDescription })
    if (entry.teamName !== undefined) {
      await this.assigneeKind('A team').check()
      await this.team.selectOption({ label: entry.teamName })
    } else {
      await this.assigneeKind('A person').check()
      await this.choosePerson(this.personSearch, entry.personQuery ?? entry.contactQuery)
    }
    for (const description of entry.responses ?? []) await this.response(description).check()
    if (entry.comment !== undefined) await this.comment.fill(entry.comment)
    if (entry.complete) await this.complete.check()
    return contact
  }

  async saveByKeyboard(): Promise<void> {
    await this.comment.focus()
    await this.page.keyboard.press('Control+Enter')
  }
}
