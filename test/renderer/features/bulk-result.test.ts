import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import ConnectionsScreen from '$renderer/components/connections/connections-screen.svelte'
import { cleanUp, mountComponent, openTestSite, textOf } from '../support/screen-helpers'
import { until } from '../support/until'
import { screenProps } from '../support/screen-props.svelte'
import { practiceChurch } from '../support/practice-church'
import { openConnection, person } from '../../shared/support/lookup-builders'

afterEach(cleanUp)

/** 50 open connections: 48 of types the clerk may change, 2 of the view-only type 5. */
function fiftyConnections() {
  const site = practiceChurch()
  const connections = Array.from({ length: 50 }, (_, index) =>
    openConnection(1_000 + index, {
      contact: person(100 + index, 'Guest', `Number${String(index).padStart(2, '0')}`),
      typeId: index === 7 || index === 31 ? 5 : (index % 2) + 1,
      dueDate: '01/10/2025'
    })
  )
  return { ...site, people: [...site.people, ...connections.map((c) => c.contact!)], connections }
}

describe('the same result for many connections', () => {
  it('ticks 50 by keyboard range, lists every one, leaves out the 2 it may not change, and saves 48 items', async () => {
    const { site } = await openTestSite(fiftyConnections())
    const container = mountComponent(ConnectionsScreen, screenProps(site))
    const first = container.querySelector<HTMLButtonElement>('tbody tr button')
    first?.focus()
    await userEvent.keyboard('x')
    await userEvent.keyboard('{Shift>}{End}{/Shift}')
    const bulkButton = () =>
      [...container.querySelectorAll('button')].find((b) => textOf(b).startsWith('Same result'))
    await until(() => bulkButton() !== undefined, 'the bulk button shows')
    expect(textOf(bulkButton()!)).toBe('Same result for 50…')
    bulkButton()!.click()

    const dialog = await waitFor(() => document.querySelector<HTMLDialogElement>('dialog.bulk'))
    const comment = dialog.querySelector('textarea')!
    await userEvent.type(comment, 'Called at the open house')
    const keepOpen = [...dialog.querySelectorAll('label')].find((l) => textOf(l) === 'Keep open')
    keepOpen!.querySelector('input')!.click()
    ;[...dialog.querySelectorAll('button')].find((b) => textOf(b) === 'Review…')!.click()

    const included = await waitFor(() => dialog.querySelector('ul.included'))
    expect(included.querySelectorAll('li')).toHaveLength(48)
    const refused = [...dialog.querySelectorAll('ul.refused li')].map(textOf)
    expect(refused).toEqual([
      'Guest Number07 — Easter 2019 campaign: You may only view Easter 2019 campaign connections.',
      'Guest Number31 — Easter 2019 campaign: You may only view Easter 2019 campaign connections.'
    ])
    ;[...dialog.querySelectorAll('button')].find((b) => textOf(b) === 'Save 48 results')!.click()
    await until(() => textOf(dialog).includes('Saved 48 results'), 'the 48 are saved')

    const items = await site.repository.listUnsent()
    expect(items).toHaveLength(48)
    expect(new Set(items.map((item) => item.idempotencyKey)).size).toBe(48)
    expect(new Set(items.map((item) => item.connectionId)).size).toBe(48)
    expect(items.map((item) => item.connectionId)).not.toContain(1_007)
    expect(items.map((item) => item.connectionId)).not.toContain(1_031)
    for (const item of items) {
      expect(item.body.Comment).toBe('Called at the open house')
      expect(item.summary.operation).toBe('keep-open')
    }
  })
})

async function waitFor<T>(find: () => T | null | undefined): Promise<T> {
  let found: T | null | undefined
  await until(() => {
    found = find()
    return found !== null && found !== undefined
  }, 'the element shows')
  return found as T
}
