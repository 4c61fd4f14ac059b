const SCROLLING = new Set(['auto', 'scroll', 'overlay'])

/**
 * The nearest ancestor that scrolls `element` vertically, or null when the page itself
 * does (the app scrolls its `main`; a test mounts the list straight into the page).
 */
export function scrollParentOf(element: Element): HTMLElement | null {
  for (let parent = element.parentElement; parent; parent = parent.parentElement) {
    if (parent === document.body || parent === document.documentElement) return null
    if (SCROLLING.has(getComputedStyle(parent).overflowY)) return parent
  }
  return null
}
