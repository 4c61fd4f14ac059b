import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { PeopleSearch } from '$renderer/search/people-search'
import type { Person } from '$shared/lookups'
import type { PeopleDirectory } from '$renderer/components/forms/fields/people-directory'
import {
  cleanUp,
  mountComponent,
  openTestSite,
  seriousAxeProblems
} from '$test/renderer/support/screen-helpers'
import TypeaheadHost from './typeahead-host.svelte'

afterEach(cleanUp)

async function mountTypeahead(directory?: PeopleDirectory) {
  const chosen: Array<Person | null> = []
  const source = directory ?? (await openTestSite()).site.reference
  const container = mountComponent(TypeaheadHost, {
    directory: source,
    onchoose: (person: Person | null) => chosen.push(person)
  })
  const input = page.getByRole('combobox', { name: 'Contact' })
  return { container, chosen, input }
}

describe('people typeahead', () => {
  it('is a combobox whose list the keyboard drives', async () => {
    const { container, chosen, input } = await mountTypeahead()
    const box = input.element() as HTMLInputElement
    expect(box.getAttribute('aria-expanded')).toBe('false')
    const listbox = container.querySelector(`[id="${box.getAttribute('aria-controls')}"]`)
    expect(listbox?.getAttribute('role')).toBe('listbox')

    await userEvent.click(input)
    await userEvent.keyboard('o')
    await expect.element(input).toHaveAttribute('aria-expanded', 'true')
    const options = () => [...container.querySelectorAll('[role="option"]')]
    const names = options().map((option) => option.querySelector('.name')?.textContent)
    expect(names).toEqual([
      "Henry O'Brien",
      'Daniel Okafor',
      'Peggy Okafor',
      'Lucia Ortiz',
      'Samuel Ortiz'
    ])
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[0]?.id)
    expect(options()[0]?.getAttribute('aria-selected')).toBe('true')

    await userEvent.keyboard('{ArrowDown}{ArrowDown}')
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[2]?.id)
    expect(options()[2]?.getAttribute('aria-selected')).toBe('true')
    expect(options()[0]?.getAttribute('aria-selected')).toBe('false')
    await userEvent.keyboard('{ArrowUp}{ArrowUp}{ArrowUp}')
    expect(box.getAttribute('aria-activedescendant')).toBe(options()[4]?.id)

    await userEvent.keyboard('{ArrowUp}{ArrowUp}{Enter}')
    expect(chosen.map((person) => person?.id)).toEqual([5])
  })

  it('shows the preferred name, the given name and a contact hint, and the chosen person clearly', async () => {
    const { container, chosen, input } = await mountTypeahead()
    await userEvent.click(input)
    await userEvent.keyboard('peggy')
    const option = page.getByRole('option', { name: /Peggy Okafor/ })
    await expect
      .element(option)
      .toMatchTextContent(/Peggy Okafor\s*\(Margaret\)\s*margaret\.okafor@example\.org/)
    await userEvent.keyboard('{Enter}')

    const group = page.getByRole('group', { name: 'Contact' })
    await expect.element(group).toMatchTextContent(/Peggy Okafor/)
    const change = page.getByRole('button', { name: 'Change contact' })
    await expect.element(change).toHaveFocus()
    expect(container.querySelector('[role="combobox"]')).toBeNull()

    await userEvent.keyboard('{Enter}')
    await expect.element(input).toHaveFocus()
    await expect.element(input).toHaveValue('')
    expect(chosen.map((person) => person?.id ?? null)).toEqual([5, null])
  })

  it('finds a person despite one typo', async () => {
    const { input } = await mountTypeahead()
    await userEvent.click(input)
    await userEvent.keyboard('Nguyne')
    await expect.element(page.getByRole('option', { name: /Grace Nguyen/ })).toBeVisible()
  })

  it('closes its list on Escape and keeps what was typed', async () => {
    const { input } = await mountTypeahead()
    await userEvent.click(input)
    await userEvent.keyboard('stone')
    await expect.element(input).toHaveAttribute('aria-expanded', 'true')
    await userEvent.keyboard('{Escape}')
    await expect.element(input).toHaveAttribute('aria-expanded', 'false')
    expect(input.element().hasAttribute('aria-activedescendant')).toBe(false)
    await expect.element(input).toHaveValue('stone')
    await userEvent.keyboard('{ArrowDown}')
    await expect.element(input).toHaveAttribute('aria-expanded', 'true')
  })

  it('says so when nobody matches', async () => {
    const { container, input } = await mountTypeahead()
    await userEvent.click(input)
    await userEvent.keyboard('Xavier')
    await expect.element(input).toHaveAttribute('aria-expanded', 'false')
    await expect
      .element(page.getByRole('status'))
      .toHaveTextContent('No one in the offline directory matches “Xavier”.')
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('shows names from the directory as text, never as markup', async () => {
    const people: Person[] = [
      {
        id: 40,
        familyId: 40,
        firstName: 'Ivy',
        lastName: '<em>Hart</em>',
        goesByName: '<img src=x onerror=alert(1)>',
        friendlyName: '',
        email: '<b>ivy@example.org</b>',
        phone: '',
        address: '',
        city: '',
        state: '',
        zipcode: ''
      }
    ]
    const search = PeopleSearch.build(people)
    const { container, input } = await mountTypeahead({
      searchPeople: (query, limit) => search.search(query, limit),
      searchVersion: 0
    })
    await userEvent.click(input)
    await userEvent.keyboard('ivy')
    const option = page.getByRole('option').first()
    await expect.element(option).toMatchTextContent('<em>Hart</em>')
    await expect.element(option).toMatchTextContent('<b>ivy@example.org</b>')
    expect(container.querySelector('em, img, b')).toBeNull()
  })

  it('has no serious accessibility problem with its list open', async () => {
    const { container, input } = await mountTypeahead()
    await userEvent.click(input)
    await userEvent.keyboard('ok')
    await expect.element(input).toHaveAttribute('aria-expanded', 'true')
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})
