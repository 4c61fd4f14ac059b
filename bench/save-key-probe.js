// Evaluated in the app's page by bench/suites/save-key-suite.ts. arm() takes the form that
// has the focus; the next Ctrl+Enter's event timestamp starts the clock; it stops at the
// task after the animation frame that follows "Saved:" in the status line with that form
// gone (the frame is painted by then).
;(() => {
  if (globalThis.__saveProbe) return
  const probe = {
    form: null,
    keyAt: null,
    result: null,
    arm() {
      probe.form = document.activeElement?.closest('form') ?? null
      probe.keyAt = null
      probe.result = null
    }
  }
  globalThis.__saveProbe = probe
  addEventListener(
    'keydown',
    (event) => {
      if (probe.form !== null && probe.keyAt === null && event.key === 'Enter' && event.ctrlKey) {
        probe.keyAt = event.timeStamp
      }
    },
    true
  )
  let waiting = false
  new MutationObserver(() => {
    const keyAt = probe.keyAt
    if (keyAt === null || probe.result !== null || waiting) return
    const said = document.querySelector('[aria-label="Last action"]')?.textContent ?? ''
    if (!said.trim().startsWith('Saved:') || probe.form?.isConnected !== false) return
    const savedInDomMs = performance.now() - keyAt
    waiting = true
    requestAnimationFrame(() => {
      const channel = new MessageChannel()
      channel.port1.onmessage = () => {
        waiting = false
        probe.form = null
        probe.result = { savedInDomMs, paintedMs: performance.now() - keyAt }
      }
      channel.port2.postMessage(null)
    })
  }).observe(document, { childList: true, subtree: true, characterData: true })
})()
