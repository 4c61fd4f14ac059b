import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { CHOOSE_OPERATION } from '$renderer/components/forms/result/result-form-state.svelte'
import { byId, openResultForm } from '$test/renderer/support/mount-form'
import { cleanUp } from '$test/renderer/support/screen-helpers'
import { until } from '$test/renderer/support/until'
import { dueIn, MARKUP_COMMENT } from '$test/renderer/support/practice-church'

afterEach(cleanUp)

const dateBox = () => page.getByRole('textbox', { name: 'Date' })
const commentBox = () => page.getByRole('textbox', { name: 'Comment' })
const saveButton = () => page.getByRole('button', { name: 'Save', exact: true })

describe('result form: invalid input', () => {
  it('shows each problem beside its field and in an alert, saves nothing, keeps the input', async () => {
    const { site, calls, container } = await openResultForm(101)
    await userEvent.fill(dateBox(), '02/30/2025')
    await userEvent.fill(commentBox(), 'Will try again')
    await userEvent.click(saveButton())

    const alert = page.getByRole('alert')
    await expect.element(alert).toMatchTextContent(/Not saved/)
    await expect.element(alert).toMatchTextContent(/Date: Connection date must be a real date/)
    await expect.element(alert).toMatchTextContent(CHOOSE_OPERATION)

    const date = dateBox().element() as HTMLInputElement
    expect(date.getAttribute('aria-invalid')).toBe('true')
    const dateErrorId = date
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'))
    expect(dateErrorId).toBeDefined()
    const dateError = byId(container, dateErrorId!)
    expect(dateError.textContent).toMatch(/real date written MM\/DD\/YYYY/)
    // Beside the field: in the same field block as the input.
    expect(date.closest('.field')?.contains(dateError)).toBe(true)
    expect(document.activeElement).toBe(date)

    const outcomeGroup = container.querySelector(
      'fieldset:has(input[type="radio"][value="complete"])'
    )
    const outcomeErrorId = outcomeGroup?.getAttribute('aria-describedby')
    expect(byId(container, outcomeErrorId!).textContent).toContain(CHOOSE_OPERATION)

    expect(await site.repository.listAll()).toEqual([])
    expect(calls.events).toEqual([])
    expect(date.value).toBe('02/30/2025')
    await expect.element(commentBox()).toHaveValue('Will try again')

    // The summary's links lead to the controls.
    await userEvent.click(page.getByRole('link', { name: /^Outcome:/ }))
    await expect.element(page.getByRole('radio', { name: /^Complete/ })).toHaveFocus()
  })

  it('asks for a person or team when a reassignment names neither', async () => {
    const { site, container } = await openResultForm(101)
    await userEvent.click(page.getByRole('radio', { name: /^Reassign/ }))
    await userEvent.click(saveButton())
    const search = page.getByRole('combobox', { name: 'Person' })
    await expect.element(search).toHaveAttribute('aria-invalid', 'true')
    await expect.element(search).toHaveFocus()
    const errorId = (search.element() as HTMLElement)
      .getAttribute('aria-describedby')
      ?.split(' ')
      .find((id) => id.endsWith('-error'))
    expect(byId(container, errorId!).textContent).toContain(
      'A reassigned connection needs a person or a team to make the contact'
    )
    expect(await site.repository.listAll()).toEqual([])
  })

  it('counts the comment as a person would, warns near the limit, and refuses it over', async () => {
    const { site, container } = await openResultForm(101)
    const counter = () => byId(container, `${commentBox().element().id}-count`)
    await expect.element(counter()).toHaveTextContent('2,000 of 2,000 characters left')
    // A family emoji is seven code points and one character.
    await userEvent.fill(commentBox(), '👨‍👩‍👧'.repeat(1990))
    await expect.element(counter()).toHaveTextContent('Only 10 characters left of 2,000')
    expect(counter().classList.contains('warn')).toBe(true)

    await userEvent.fill(commentBox(), 'x'.repeat(2005))
    await expect
      .element(counter())
      .toHaveTextContent('5 characters over the 2,000 limit: shorten it to save')
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    await userEvent.click(saveButton())
    await expect.element(commentBox()).toHaveAttribute('aria-invalid', 'true')
    await expect
      .element(page.getByRole('alert'))
      .toMatchTextContent('Comment must be at most 2,000 characters')
    expect(await site.repository.listAll()).toEqual([])
    expect((commentBox().element() as HTMLTextAreaElement).value).toHaveLength(2005)
  })

  it('shows why a capture failed and keeps the input', async () => {
    const { site, calls } = await openResultForm(101)
    await userEvent.fill(commentBox(), 'Spoke with her after church')
    await userEvent.click(page.getByRole('radio', { name: /^Complete/ }))
    site.database.close()
    await userEvent.click(saveButton())
    await expect
      .element(page.getByRole('alert'))
      .toMatchTextContent(/Not saved: it could not be written to this computer/)
    expect(calls.events).toEqual([])
    await expect.element(commentBox()).toHaveValue('Spoke with her after church')
    await expect.element(page.getByRole('radio', { name: /^Complete/ })).toBeChecked()
  })
})

describe('result form: leaving', () => {
  it('Escape cancels at once when nothing was entered', async () => {
    const { calls } = await openResultForm(101)
    await userEvent.keyboard('{Escape}')
    expect(calls.cancels()).toBe(1)
  })

  it('Escape asks first when something was entered; Escape again keeps editing', async () => {
    const { calls } = await openResultForm(101)
    await userEvent.click(commentBox())
    await userEvent.keyboard('Half a note')
    await userEvent.keyboard('{Escape}')
    const dialog = page.getByRole('alertdialog', { name: 'Leave without saving?' })
    await expect.element(dialog).toBeVisible()
    await expect.element(page.getByRole('button', { name: 'Keep editing' })).toHaveFocus()
    await userEvent.keyboard('{Escape}')
    await expect.element(dialog).not.toBeInTheDocument()
    await expect.element(commentBox()).toHaveFocus()
    expect(calls.cancels()).toBe(0)

    await userEvent.keyboard('{Escape}')
    await userEvent.click(page.getByRole('button', { name: 'Discard and close' }))
    expect(calls.cancels()).toBe(1)
  })

  it('Escape in an open people list closes the list only', async () => {
    const { calls } = await openResultForm(101)
    await userEvent.click(page.getByRole('radio', { name: /^Reassign/ }))
    const search = page.getByRole('combobox', { name: 'Person' })
    await userEvent.click(search)
    await userEvent.keyboard('Oka')
    await expect.element(search).toHaveAttribute('aria-expanded', 'true')
    await userEvent.keyboard('{Escape}')
    await expect.element(search).toHaveAttribute('aria-expanded', 'false')
    await expect.element(page.getByRole('alertdialog')).not.toBeInTheDocument()
    expect(calls.cancels()).toBe(0)
    await until(() => document.activeElement === search.element(), 'the search keeps the focus')
  })
})

describe('result form: what the site sent is shown as text', () => {
  it('shows the last comment and names with their markup as plain characters', async () => {
    const { container } = await openResultForm(101)
    const header = container.querySelector('header')
    expect(header?.textContent).toContain(MARKUP_COMMENT)
    expect(header?.textContent).toContain('Ann Lee')
    expect(header?.textContent).toContain('Esther Bailey, David Kim')
    expect(header?.textContent).toContain(dueIn(-3))
    expect(header?.textContent).toContain('First-time guest')
    expect(container.querySelector('b, img')).toBeNull()
  })
})
