import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { visibleRange, windowSlots, type WindowSlot } from '$renderer/state/row-window-math'

const letters = (count: number): string[] =>
  Array.from({ length: count }, (_, index) => `row ${index}`)

/** The slots as `gap:N` and `row:I` marks, easy to compare. */
function shapeOf(slots: readonly WindowSlot<string>[]): string[] {
  return slots.map((slot) => (slot.kind === 'gap' ? `gap:${slot.rows}` : `row:${slot.index}`))
}

describe('visibleRange', () => {
  it('takes the rows in view plus the overscan on each side', () => {
    // Rows of 20 px; a view from 1000 px to 1300 px shows rows 50 to 64.
    expect(
      visibleRange({ count: 5000, rowHeight: 20, top: 1000, height: 300, overscan: 5 })
    ).toEqual({ start: 45, end: 70 })
  })

  it('stops at both ends of the list', () => {
    expect(visibleRange({ count: 5000, rowHeight: 20, top: 0, height: 300, overscan: 5 })).toEqual({
      start: 0,
      end: 20
    })
    expect(
      visibleRange({ count: 5000, rowHeight: 20, top: 99_800, height: 300, overscan: 5 })
    ).toEqual({ start: 4985, end: 5000 })
    expect(visibleRange({ count: 8, rowHeight: 20, top: 0, height: 300, overscan: 5 })).toEqual({
      start: 0,
      end: 8
    })
    expect(visibleRange({ count: 0, rowHeight: 20, top: 0, height: 300, overscan: 5 })).toEqual({
      start: 0,
      end: 0
    })
  })

  it('still renders the first rows when the list lies below the view', () => {
    expect(
      visibleRange({ count: 5000, rowHeight: 20, top: -900, height: 300, overscan: 5 })
    ).toEqual({ start: 0, end: 6 })
  })

  it('covers every row in view, whatever the scroll position and sizes', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.double({ min: 5, max: 80, noNaN: true }),
        fc.double({ min: -2000, max: 1_000_000, noNaN: true }),
        fc.double({ min: 0, max: 3000, noNaN: true }),
        fc.integer({ min: 0, max: 30 }),
        (count, rowHeight, top, height, overscan) => {
          const { start, end } = visibleRange({ count, rowHeight, top, height, overscan })
          expect(0 <= start && start <= end && end <= count).toBe(true)
          for (let index = 0; index < count; index++) {
            const rowTop = index * rowHeight
            // A sliver under a micrometre is rounding, not a row in view.
            const inView = rowTop + rowHeight > top + 1e-6 && rowTop < top + height - 1e-6
            if (inView) expect(index >= start && index < end).toBe(true)
          }
          // No more than the view's rows and the overscan (two partial rows at the edges).
          expect(end - start).toBeLessThanOrEqual(Math.ceil(height / rowHeight) + 2 + 2 * overscan)
        }
      ),
      { numRuns: 200 }
    )
  })
})

describe('windowSlots', () => {
  it('puts one gap where rows are left out, before and after the window', () => {
    expect(shapeOf(windowSlots(letters(100), { start: 40, end: 45 }))).toEqual([
      'gap:40',
      'row:40',
      'row:41',
      'row:42',
      'row:43',
      'row:44',
      'gap:55'
    ])
    expect(shapeOf(windowSlots(letters(3), { start: 0, end: 3 }))).toEqual([
      'row:0',
      'row:1',
      'row:2'
    ])
  })

  it('adds the pinned row where it belongs, above or below the window', () => {
    expect(shapeOf(windowSlots(letters(100), { start: 40, end: 42 }, 3))).toEqual([
      'gap:3',
      'row:3',
      'gap:36',
      'row:40',
      'row:41',
      'gap:58'
    ])
    expect(shapeOf(windowSlots(letters(100), { start: 0, end: 2 }, 99))).toEqual([
      'row:0',
      'row:1',
      'gap:97',
      'row:99'
    ])
    expect(shapeOf(windowSlots(letters(100), { start: 0, end: 2 }, 1))).toEqual([
      'row:0',
      'row:1',
      'gap:98'
    ])
  })

  it('carries each row’s item, and clamps a range the list no longer has', () => {
    const slots = windowSlots(letters(10), { start: 30, end: 40 }, 2)
    expect(shapeOf(slots)).toEqual(['gap:2', 'row:2', 'gap:7'])
    expect(slots[1]).toEqual({ kind: 'row', index: 2, item: 'row 2' })
    expect(shapeOf(windowSlots(letters(0), { start: 0, end: 5 }, 0))).toEqual([])
  })

  it('accounts for every row exactly once, in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: -10, max: 600 }),
        fc.integer({ min: 0, max: 100 }),
        fc.option(fc.integer({ min: -5, max: 600 })),
        (count, start, length, pinned) => {
          const slots = windowSlots(letters(count), { start, end: start + length }, pinned)
          let next = 0
          for (const slot of slots) {
            if (slot.kind === 'gap') {
              expect(slot.rows).toBeGreaterThan(0)
              next += slot.rows
            } else {
              expect(slot.index).toBe(next)
              expect(slot.item).toBe(`row ${slot.index}`)
              next += 1
            }
          }
          expect(next).toBe(count)
          if (pinned !== null && pinned >= 0 && pinned < count) {
            expect(slots.some((slot) => slot.kind === 'row' && slot.index === pinned)).toBe(true)
          }
        }
      ),
      { numRuns: 300 }
    )
  })
})
