/** Rows `start` (included) to `end` (excluded) of a list. */
export interface RowRange {
  start: number
  end: number
}

export interface RowView {
  /** How many rows the list has. */
  count: number
  /** The distance from one row's top to the next one's, in CSS pixels. */
  rowHeight: number
  /** Where the visible part starts, measured from the first row's top (negative: below it). */
  top: number
  /** How tall the visible part is. */
  height: number
  /** Rows rendered beyond each edge, so a scroll shows rows already laid out. */
  overscan: number
}

/**
 * The rows to render for a view: those it shows, plus `overscan` on each side. A list that
 * lies wholly below the view still gets its first `overscan` rows, so there is always
 * something to measure and to focus.
 */
export function visibleRange(view: RowView): RowRange {
  const { count, overscan } = view
  const rowHeight = view.rowHeight > 0 ? view.rowHeight : 1
  const top = Math.max(0, view.top)
  const bottom = Math.max(0, view.top + Math.max(0, view.height))
  const first = Math.floor(top / rowHeight)
  const last = Math.ceil(bottom / rowHeight)
  const start = clamp(first - overscan, 0, count)
  const end = clamp(Math.max(last, first + 1) + overscan, start, count)
  return { start, end }
}

/** A run of rows left out, stood in for by one spacer of their height. */
export interface GapSlot {
  kind: 'gap'
  key: string
  rows: number
}

export interface RowSlot<Item> {
  kind: 'row'
  index: number
  item: Item
}

export type WindowSlot<Item> = GapSlot | RowSlot<Item>

/**
 * What a windowed list renders, top to bottom: the rows of `range`, one more `pinned` row
 * wherever it is (the selected one, so the keyboard focus is never dropped when it scrolls
 * out of view), and a gap for every run of rows in between.
 */
export function windowSlots<Item>(
  items: readonly Item[],
  range: RowRange,
  pinned: number | null = null
): WindowSlot<Item>[] {
  const count = items.length
  const start = clamp(range.start, 0, count)
  const end = clamp(range.end, start, count)
  const indexes: number[] = []
  if (pinned !== null && pinned >= 0 && pinned < start) indexes.push(pinned)
  for (let index = start; index < end; index++) indexes.push(index)
  if (pinned !== null && pinned >= end && pinned < count) indexes.push(pinned)

  const slots: WindowSlot<Item>[] = []
  let next = 0
  const gapUntil = (index: number): void => {
    if (index > next) slots.push({ kind: 'gap', key: `gap-${next}`, rows: index - next })
  }
  for (const index of indexes) {
    gapUntil(index)
    slots.push({ kind: 'row', index, item: items[index] as Item })
    next = index + 1
  }
  gapUntil(count)
  return slots
}

function clamp(value: number, low: number, high: number): number {
  return Math.min(high, Math.max(low, value))
}
