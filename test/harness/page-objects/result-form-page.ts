import type { Locator } from 'playwright'
import { DeskPage, type PageElement } from './desk-page'
import { errorBeside, tabTo } from './form-keys'

export type OutcomeChoice = 'Complete' | 'Keep open' | 'Reassign'

export interface ResultEntry {
  /** Response descriptions to tick. */
  responses?: string[]
  comment?: string
  outcome: OutcomeChoice
  /** Replaces the date the form starts with (today). */
  date?: string
}

/** The result form on an existing connection (also its edit of an unsent result). */
export class ResultFormPage extends DeskPage {
  get form(): Locator {
    return this.page.getByRole('form', { name: /^(Result for|Change the unsent result for) / })
  }

  get date(): Locator {
    return this.form.getByRole('textbox', { name: 'Date' })
  }

  /** A form the user may only read says why, instead of its fields and Save. */
  get readOnlyReason(): Locator {
    return this.form.getByText(/^Read-only:/)
  }

  get saveButton(): Locator {
    return this.form.getByRole('button', { name: 'Save', exact: true })
  }

  get comment(): Locator {
    return this.form.getByRole('textbox', { name: 'Comment' })
  }

  response(description: string): Locator {
    return this.form.getByRole('checkbox', { name: description, exact: true })
  }

  /** The responses the connection's type offers, by description. */
  async responseNames(): Promise<string[]> {
    const group = this.form.getByRole('group', { name: 'Responses' })
    const names = await group.evaluate((element) =>
      Array.from(
        (element as unknown as PageElement).querySelectorAll('input[type="checkbox"]'),
        (box) => box.parentElement?.textContent ?? ''
      )
    )
    return names.map((name) => name.trim())
  }

  outcome(choice: OutcomeChoice): Locator {
    return this.form.getByRole('radio', { name: new RegExp(`^${choice} `) })
  }

  get errorSummary(): Locator {
    return this.form.getByRole('alert').filter({ hasText: 'Not saved' })
  }

  get discardDialog(): Locator {
    return this.page.getByRole('alertdialog', { name: 'Leave without saving?' })
  }

  async waitForShown(): Promise<void> {
    await this.form.waitFor()
  }

  /** The error text beside a control, as a screen reader hears it. */
  errorBeside(control: Locator): Promise<string> {
    return errorBeside(control)
  }

  /**
   * Fills the form from the keyboard alone: the date field has the focus when the form
   * opens; Tab reaches each response (Space ticks it), the comment, and the outcome group
   * (arrow keys choose within it).
   */
  async enterByKeyboard(entry: ResultEntry): Promise<void> {
    const keyboard = this.page.keyboard
    if (entry.date !== undefined) {
      await tabTo(this.page, this.date, true)
      await selectAllIfFilled(this.date)
      await keyboard.type(entry.date)
    }
    for (const description of entry.responses ?? []) {
      await tabTo(this.page, this.response(description))
      await keyboard.press('Space')
    }
    if (entry.comment !== undefined) {
      await tabTo(this.page, this.comment)
      await selectAllIfFilled(this.comment)
      await keyboard.type(entry.comment)
    }
    // Tab enters a radio group with nothing chosen at its first button.
    await tabTo(this.page, this.outcome('Complete'))
    const steps = (['Complete', 'Keep open', 'Reassign'] as const).indexOf(entry.outcome)
    if (steps === 0) await keyboard.press('Space')
    for (let step = 0; step < steps; step++) await keyboard.press('ArrowDown')
  }

  /** Ctrl+Enter; resolves once the form has gone (saved) or shows why it did not save. */
  async saveByKeyboard(next = false): Promise<void> {
    await this.page.keyboard.press(next ? 'Control+Shift+Enter' : 'Control+Enter')
  }

  /** Save, then wait for the form to close, as after a plain save. */
  async saveAndClose(): Promise<void> {
    await this.saveByKeyboard()
    await this.form.waitFor({ state: 'detached' })
  }
}

/** Ctrl+A in a filled field, so typing replaces what it held. */
async function selectAllIfFilled(field: Locator): Promise<void> {
  if ((await field.inputValue()) !== '') await field.press('ControlOrMeta+A')
}
