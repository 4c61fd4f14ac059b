import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import TypeGroups from '$renderer/components/connections/type-groups.svelte'
import type { TypeGroup } from '$renderer/state/type-groups'
import { cleanUp, mountComponent, seriousAxeProblems, textOf } from '../../support/screen-helpers'

afterEach(cleanUp)

const GROUPS: TypeGroup[] = [
  {
    typeId: 1,
    name: 'First-time guest',
    colour: '#cc3333',
    count: 4,
    earliestDueDate: '03/10/2025',
    overdue: true
  },
  { typeId: 3, name: 'Membership class', colour: '', count: 2, earliestDueDate: '', overdue: false }
]

describe('type groups', () => {
  it('shows each type with its colour, count and earliest due date, and filters by one', async () => {
    const chosen: Array<number | null> = []
    const container = mountComponent(TypeGroups, {
      groups: GROUPS,
      chosen: null,
      onchoose: (typeId: number | null) => void chosen.push(typeId)
    })
    const buttons = page
      .getByRole('group', { name: 'Open assignments by type' })
      .getByRole('button')
    expect(buttons.elements().map(textOf)).toEqual([
      'All types 6',
      'First-time guest 4 earliest due 03/10/2025 (overdue)',
      'Membership class 2'
    ])
    expect(buttons.nth(0).element().getAttribute('aria-pressed')).toBe('true')
    const swatch = container.querySelector<HTMLElement>('.swatch')!
    expect(getComputedStyle(swatch).backgroundColor).toBe('rgb(204, 51, 51)')
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.click(buttons.nth(1))
    await userEvent.click(buttons.nth(0))
    expect(chosen).toEqual([1, null])
  })

  it('a second press on the chosen type shows every type again', async () => {
    const chosen: Array<number | null> = []
    mountComponent(TypeGroups, {
      groups: GROUPS,
      chosen: 3,
      onchoose: (typeId: number | null) => void chosen.push(typeId)
    })
    const membership = page.getByRole('button', { name: /^Membership class/ })
    expect(membership.element().getAttribute('aria-pressed')).toBe('true')
    await userEvent.click(membership)
    expect(chosen).toEqual([null])
  })
})
