import { flushSync } from 'svelte'
import type { Attachment } from 'svelte/attachments'
import { visibleRange } from './row-window-math'
import { scrollParentOf } from './scroll-parent'

/** One line of text with the table's padding and border; measured once rows are laid out. */
const ESTIMATED_ROW_HEIGHT = 31
/** Rows beyond each edge of the view, so a fast wheel turn rarely shows an empty gap. */
const DEFAULT_OVERSCAN = 12

export interface RowWindowOptions {
  overscan?: number
  /** How tall the view is taken to be before anything is measured. */
  initialViewHeight?: number
}

/**
 * Which rows of a long list are worth rendering: those in its scrolling ancestor's view,
 * plus an overscan. `track` watches the list's body (scrolling, resizing) and measures the
 * row height from the rows it renders; the list renders `start` to `end` and spacers of
 * `rowHeight` for the rest.
 */
export class RowWindow {
  #rowHeight = $state(ESTIMATED_ROW_HEIGHT)
  #viewTop = $state(0)
  #viewHeight: number = $state(0)
  readonly #count: () => number
  readonly #overscan: number
  readonly #range = $derived.by(() =>
    visibleRange({
      count: this.#count(),
      rowHeight: this.#rowHeight,
      top: this.#viewTop,
      height: this.#viewHeight,
      overscan: this.#overscan
    })
  )
  // Separate numbers, so scrolling within the rendered rows changes nothing downstream.
  readonly #start = $derived(this.#range.start)
  readonly #end = $derived(this.#range.end)

  constructor(count: () => number, options: RowWindowOptions = {}) {
    this.#count = count
    this.#overscan = options.overscan ?? DEFAULT_OVERSCAN
    this.#viewHeight = options.initialViewHeight ?? window.innerHeight
  }

  get start(): number {
    return this.#start
  }

  get end(): number {
    return this.#end
  }

  /** The distance from one row's top to the next one's, in CSS pixels. */
  get rowHeight(): number {
    return this.#rowHeight
  }

  /**
   * An attachment for the list's body (the element whose top is the first row's top).
   * `rowAt` finds a rendered row by its index in the list, for measuring.
   */
  track(rowAt: (index: number) => Element | null): Attachment<HTMLElement> {
    return (body) => {
      const listening = new AbortController()
      const resizes = new ResizeObserver(() => schedule())
      // Found in the first frame, not on mount: reading styles mid-render forces a style
      // pass over the whole page that the frame would then do again.
      let scroller: HTMLElement | null | undefined
      let frame = 0
      const update = (): void => {
        frame = 0
        if (scroller === undefined) {
          scroller = scrollParentOf(body)
          follow(scroller)
        }
        this.#measure(body, scroller, rowAt)
      }
      // Many scroll and resize events arrive per frame; one measurement per frame is enough.
      const schedule = (): void => {
        if (frame === 0) frame = requestAnimationFrame(update)
      }
      const follow = (found: HTMLElement | null): void => {
        const options = { passive: true, signal: listening.signal }
        if (found) {
          found.addEventListener('scroll', schedule, options)
          resizes.observe(found)
        } else {
          window.addEventListener('scroll', schedule, options)
          window.addEventListener('resize', schedule, options)
        }
      }
      resizes.observe(body)
      schedule()
      return () => {
        cancelAnimationFrame(frame)
        listening.abort()
        resizes.disconnect()
      }
    }
  }

  #measure(
    body: HTMLElement,
    scroller: HTMLElement | null,
    rowAt: (index: number) => Element | null
  ): void {
    const rowHeight = this.#measureRowHeight(rowAt)
    if (rowHeight !== null && Math.abs(rowHeight - this.#rowHeight) > 0.01) {
      this.#changeRowHeight(rowHeight, body, scroller)
    }
    const view = viewOf(scroller)
    this.#viewTop = view.top - body.getBoundingClientRect().top
    this.#viewHeight = view.height
  }

  /**
   * New spacer heights move every row below them; the row with the keyboard focus, if in
   * view, stays where the clerk sees it (the browser's scroll anchoring may pick a spacer),
   * and wholly in view if it grew.
   */
  #changeRowHeight(rowHeight: number, body: HTMLElement, scroller: HTMLElement | null): void {
    const row = focusedRowOf(body)
    const view = viewOf(scroller)
    const before = row?.getBoundingClientRect()
    this.#rowHeight = rowHeight
    if (!row || !before || before.bottom <= view.top || before.top >= view.bottom) return
    // In an animation frame, not an effect: the spacers can be resized right away.
    flushSync()
    const shift = row.getBoundingClientRect().top - before.top
    if (shift !== 0) (scroller ?? document.scrollingElement)?.scrollBy(0, shift)
    row.scrollIntoView({ block: 'nearest' })
  }

  /**
   * From one rendered row's top to the last one's, so borders are counted once. Not from
   * the list's first row when others are rendered: it shares its top border with the header.
   */
  #measureRowHeight(rowAt: (index: number) => Element | null): number | null {
    const last = Math.min(this.#end, this.#count()) - 1
    const start = this.#start === 0 && last >= 2 ? 1 : this.#start
    if (last < start) return null
    const first = rowAt(start)?.getBoundingClientRect()
    if (!first) return null
    if (last === start) return first.height > 0 ? first.height : null
    const lastTop = rowAt(last)?.getBoundingClientRect().top
    if (lastTop === undefined) return null
    const pitch = (lastTop - first.top) / (last - start)
    return pitch > 0 ? pitch : null
  }
}

/** The part of the scrolling box (or of the page) on screen, in viewport coordinates. */
function viewOf(scroller: HTMLElement | null): { top: number; bottom: number; height: number } {
  if (!scroller) return { top: 0, bottom: window.innerHeight, height: window.innerHeight }
  const top = scroller.getBoundingClientRect().top + scroller.clientTop
  return { top, bottom: top + scroller.clientHeight, height: scroller.clientHeight }
}

/** The row (a child of the list's body) holding the keyboard focus, if one does. */
function focusedRowOf(body: HTMLElement): Element | null {
  let element = document.activeElement
  while (element && element.parentElement !== body) element = element.parentElement
  return element
}
