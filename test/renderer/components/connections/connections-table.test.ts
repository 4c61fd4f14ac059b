import { flushSync, mount, unmount } from 'svelte'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import ConnectionsTable from '$renderer/components/connections/connections-table.svelte'
import {
  cleanUp,
  mountComponent,
  onCleanUp,
  seriousAxeProblems,
  textOf
} from '../../support/screen-helpers'
import { until } from '../../support/until'
import { manyRows, tableProps } from '../../support/table-props.svelte'

const COUNT = 5000
/** Far fewer than the list has: what a window of rows in view plus an overscan comes to. */
const MOST_RENDERED = 100

afterEach(async () => {
  await cleanUp()
  window.scrollTo(0, 0)
})

function dataRows(container: HTMLElement): HTMLTableRowElement[] {
  return [...container.querySelectorAll<HTMLTableRowElement>('tbody tr[aria-rowindex]')]
}

function contactsOf(container: HTMLElement): string[] {
  return dataRows(container).map((row) => textOf(row.querySelector('button.open')!))
}

function rowOf(container: HTMLElement, contact: string): HTMLTableRowElement | undefined {
  return dataRows(container).find((row) => textOf(row.querySelector('button.open')!) === contact)
}

/** Wholly inside the scrolling box (the page when there is none). */
function inView(element: Element, scroller?: HTMLElement): boolean {
  const box = element.getBoundingClientRect()
  const view = scroller?.getBoundingClientRect() ?? { top: 0, bottom: window.innerHeight }
  return box.top >= view.top - 0.5 && box.bottom <= view.bottom + 0.5
}

function focusedContact(): string {
  return textOf(document.activeElement!)
}

/**
 * The distance from one row's top to the next, before any scrolling. Not from row 0: the
 * first row shares its top border with the header.
 */
function pitchOf(root: HTMLElement): number {
  const [, first, second] = dataRows(root)
  if (!first || !second) return Number.NaN
  return second.getBoundingClientRect().top - first.getBoundingClientRect().top
}

/** Waits until the table has measured its rows: its body is as tall as all of them. */
async function measured(root: HTMLElement, count = COUNT): Promise<void> {
  const body = root.querySelector('tbody')!
  await until(
    () => Math.abs(body.getBoundingClientRect().height - count * pitchOf(root)) < pitchOf(root),
    'the body as tall as all the rows'
  )
}

/** The table in a box of its own that scrolls, as the app's `main` does. */
function mountInScroller(props: ReturnType<typeof tableProps>, height = 400) {
  const scroller = document.createElement('div')
  scroller.style.cssText = `height: ${height}px; overflow: auto`
  document.body.append(scroller)
  const table = mount(ConnectionsTable, { target: scroller, props })
  flushSync()
  onCleanUp(async () => {
    await unmount(table)
    scroller.remove()
  })
  return { scroller, table }
}

describe('connections table with thousands of rows', () => {
  it('renders only the rows in view, tells assistive tech the full size, and keeps the scrollbar honest', async () => {
    const container = mountComponent(ConnectionsTable, tableProps(manyRows(COUNT)))
    await until(() => dataRows(container).length > 0, 'the first rows')
    const rows = dataRows(container)
    expect(rows.length).toBeLessThan(MOST_RENDERED)
    expect(container.querySelector('table')?.getAttribute('aria-rowcount')).toBe(String(COUNT + 1))
    expect(container.querySelector('thead tr')?.getAttribute('aria-rowindex')).toBe('1')
    expect(rows.map((row) => row.getAttribute('aria-rowindex'))).toEqual(
      rows.map((_, index) => String(index + 2))
    )
    expect(contactsOf(container)[0]).toBe('Contact 0000')

    // Overdue rows and rows with unsent results are one line high like the rest, so the
    // spacer below can stand in for the rows left out: the body is as tall as all of them.
    expect(rows.some((row) => row.querySelector('.unsent'))).toBe(true)
    expect(rows.some((row) => row.classList.contains('overdue'))).toBe(true)
    expect(new Set(rows.slice(1).map((row) => row.getBoundingClientRect().height)).size).toBe(1)
    await measured(container)
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('renders the last rows when scrolled to the bottom, and the first again at the top', async () => {
    const container = mountComponent(ConnectionsTable, tableProps(manyRows(COUNT)))
    await measured(container)
    window.scrollTo(0, document.documentElement.scrollHeight)
    await until(() => rowOf(container, 'Contact 4999') !== undefined, 'the last row')
    expect(inView(rowOf(container, 'Contact 4999')!)).toBe(true)
    // Row 0 stays rendered, as the selected row (the list's tab stop) always does.
    expect(rowOf(container, 'Contact 0001')).toBeUndefined()
    expect(dataRows(container).length).toBeLessThan(MOST_RENDERED)
    // The last row sits where the full list would put it.
    expect(rowOf(container, 'Contact 4999')?.getAttribute('aria-rowindex')).toBe(String(COUNT + 1))
    // The unsent mark of a row rendered only now.
    expect(textOf(rowOf(container, 'Contact 4999')!.querySelector('td')!)).toBe(
      'Contact 4999 2 unsent results'
    )

    window.scrollTo(0, 0)
    await until(() => rowOf(container, 'Contact 0000') !== undefined, 'the first row again')
    expect(dataRows(container).length).toBeLessThan(MOST_RENDERED)
  })

  it('reaches rows beyond the window with End, Home, Page Down and j: focused, selected and in view', async () => {
    const props = tableProps(manyRows(COUNT))
    const { scroller, table } = mountInScroller(props)
    table.focusSelected()
    expect(focusedContact()).toBe('Contact 0000')

    await userEvent.keyboard('{End}')
    expect(focusedContact()).toBe('Contact 4999')
    expect(props.selectedId).toBe(10_000 + 4999)
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)
    await until(() => dataRows(scroller).length < MOST_RENDERED, 'the window to follow')
    expect(scroller.querySelector('tr[aria-current="true"]')?.getAttribute('aria-rowindex')).toBe(
      String(COUNT + 1)
    )

    await userEvent.keyboard('{Home}')
    expect(focusedContact()).toBe('Contact 0000')
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)

    await userEvent.keyboard('{PageDown}{PageDown}')
    expect(focusedContact()).toBe('Contact 0020')
    await userEvent.keyboard('j'.repeat(60))
    expect(focusedContact()).toBe('Contact 0080')
    expect(props.selectedId).toBe(10_000 + 80)
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)
    await until(() => rowOf(scroller, 'Contact 0000') === undefined, 'the top rows to go')
    expect(dataRows(scroller).length).toBeLessThan(MOST_RENDERED)
    // Still one row in the tab order.
    expect(scroller.querySelectorAll('tbody button[tabindex="0"]')).toHaveLength(1)

    await userEvent.keyboard('{Enter}')
    expect(props.opened).toEqual([10_000 + 80])
  })

  it('keeps the focused row when it scrolls out of view, and moves on from it', async () => {
    const props = tableProps(manyRows(COUNT))
    const { scroller, table } = mountInScroller(props)
    await measured(scroller)
    table.focusSelected()
    scroller.scrollTop = scroller.scrollHeight / 2
    await until(() => rowOf(scroller, 'Contact 2500') !== undefined, 'the middle rows')
    expect(focusedContact()).toBe('Contact 0000')
    expect(inView(document.activeElement!, scroller)).toBe(false)

    await userEvent.keyboard('j')
    expect(focusedContact()).toBe('Contact 0001')
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)
  })

  it('keeps the keyboard on the row when the list is redrawn in another order', async () => {
    // Chromium drops the focus of an element the page moves, and a keyed list moves its rows
    // when a refresh or a new result reorders them: the clerk's place must survive that.
    const rows = manyRows(6)
    const props = tableProps(rows)
    const { scroller, table } = mountInScroller(props)
    table.focusSelected()
    await userEvent.keyboard('jj')
    expect(focusedContact()).toBe('Contact 0002')

    props.setRows([...rows].reverse())
    flushSync()
    expect(contactsOf(scroller)[0]).toBe('Contact 0005')
    expect(focusedContact()).toBe('Contact 0002')
    await userEvent.keyboard('j')
    expect(focusedContact()).toBe('Contact 0001')
  })

  it('opens with the selected row in view, however far down it is and however tall the rows', async () => {
    // A larger font: rows taller than the table expects until it measures them.
    document.documentElement.style.fontSize = '22px'
    onCleanUp(() => {
      document.documentElement.style.removeProperty('font-size')
    })
    const props = tableProps(manyRows(COUNT))
    props.onselect(10_000 + 3210)
    const { scroller, table } = mountInScroller(props)
    table.focusSelected()
    expect(focusedContact()).toBe('Contact 3210')
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)
    // Once the real row height replaces the estimate the row is still in view.
    await until(() => rowOf(scroller, 'Contact 3200') !== undefined, 'the rows around it')
    expect(focusedContact()).toBe('Contact 3210')
    expect(inView(document.activeElement!.closest('tr')!, scroller)).toBe(true)
  })

  it('shows the rows of a list that shrinks while scrolled far down', async () => {
    const props = tableProps(manyRows(COUNT))
    const { scroller } = mountInScroller(props)
    await measured(scroller)
    scroller.scrollTop = scroller.scrollHeight
    await until(() => rowOf(scroller, 'Contact 4999') !== undefined, 'the last row')

    props.setRows(manyRows(5))
    await until(() => dataRows(scroller).length === 5, 'all five rows')
    expect(contactsOf(scroller)).toEqual([
      'Contact 0000',
      'Contact 0001',
      'Contact 0002',
      'Contact 0003',
      'Contact 0004'
    ])
    expect(scroller.querySelector('table')?.getAttribute('aria-rowcount')).toBe('6')
    expect(scroller.querySelector('tr[aria-hidden="true"]')).toBeNull()
  })
})
