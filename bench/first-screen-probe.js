// Injected before the app's own scripts on every navigation (context.addInitScript). On the
// app's page it records, in ms since navigation start, when the first row of the
// connections list is in the DOM, when it was painted, and when the main thread next ran
// a task after that paint: the moment a keystroke would have been handled.
;(() => {
  if (location.pathname !== '/index.html') return
  const marks = { renderedAt: null, paintedAt: null, interactiveAt: null }
  Object.defineProperty(globalThis, '__firstScreen', { value: marks })
  const observer = new MutationObserver(() => {
    if (marks.renderedAt !== null || !document.querySelector('tbody button.open')) return
    marks.renderedAt = performance.now()
    observer.disconnect()
    requestAnimationFrame(() => {
      marks.paintedAt = performance.now()
      setTimeout(() => {
        marks.interactiveAt = performance.now()
      }, 0)
    })
  })
  observer.observe(document, { childList: true, subtree: true })
})()
