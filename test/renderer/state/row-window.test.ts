import { afterEach, describe, expect, it } from 'vitest'
import { RowWindow } from '$renderer/state/row-window.svelte'

const ROW_HEIGHT = 25
const cleanups: Array<() => void> = []

afterEach(() => {
  for (const cleanup of cleanups.splice(0).reverse()) cleanup()
})

/** A scrolling box of `height` px holding `count` plain rows of 25 px, as the app's `main`. */
function scrollingList(count: number, height: number) {
  const scroller = document.createElement('div')
  scroller.style.cssText = `height: ${height}px; overflow-y: auto`
  const heading = document.createElement('h2')
  heading.style.cssText = 'height: 100px; margin: 0'
  const body = document.createElement('div')
  for (let index = 0; index < count; index++) {
    const row = document.createElement('div')
    row.style.height = `${ROW_HEIGHT}px`
    row.dataset['index'] = String(index)
    body.append(row)
  }
  scroller.append(heading, body)
  document.body.append(scroller)
  cleanups.push(() => scroller.remove())
  return { scroller, body }
}

function track(rowWindow: RowWindow, body: HTMLElement): void {
  const stop = rowWindow.track((index) => body.querySelector(`[data-index="${index}"]`))(body)
  if (stop) cleanups.push(stop)
}

/**
 * Three frames: a resize is noticed after one frame's layout, measured in the next frame's
 * callbacks, which may run after ours.
 */
async function frames(): Promise<void> {
  for (let frame = 0; frame < 3; frame++) {
    await new Promise((resolve) => requestAnimationFrame(resolve))
  }
}

describe('RowWindow', () => {
  it('follows the nearest scrolling ancestor, measuring the rows it renders', async () => {
    const { scroller, body } = scrollingList(1000, 200)
    const rowWindow = new RowWindow(() => 1000, { overscan: 4, initialViewHeight: 600 })
    expect(rowWindow.rowHeight).not.toBe(ROW_HEIGHT)
    track(rowWindow, body)
    await frames()
    expect(rowWindow.rowHeight).toBeCloseTo(ROW_HEIGHT)
    // The list starts 100 px down: the 200 px view shows rows 0 to 3.
    expect([rowWindow.start, rowWindow.end]).toEqual([0, 8])

    scroller.scrollTop = 100 + 400 * ROW_HEIGHT
    await frames()
    expect([rowWindow.start, rowWindow.end]).toEqual([396, 412])

    scroller.style.height = '400px'
    await frames()
    expect([rowWindow.start, rowWindow.end]).toEqual([396, 420])
  })

  it('stops following the scroll once detached', async () => {
    const { scroller, body } = scrollingList(1000, 200)
    const rowWindow = new RowWindow(() => 1000, { overscan: 4 })
    track(rowWindow, body)
    scroller.scrollTop = 100 + 900 * ROW_HEIGHT
    await frames()
    expect([rowWindow.start, rowWindow.end]).toEqual([896, 912])

    for (const stop of cleanups.splice(1)) stop()
    scroller.scrollTop = 0
    await frames()
    expect([rowWindow.start, rowWindow.end]).toEqual([896, 912])
  })
})
