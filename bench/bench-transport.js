/* global BENCH */
// The benchmarks' stand-in for src/preload/index.ts, run in the page before its own
// scripts: `window.deskTransport` over same-origin HTTP (fetch for requests, an
// EventSource for notices) to the bench server, which hands each request to the real
// bridge handlers. JSON both ways costs about what Electron's IPC costs; the harness's
// Playwright bindings cost far more (see bench/RESULTS.md). The Node side wraps this file
// in a function that defines BENCH (the paths and channel names).

const invokeNames = new Set(BENCH.invokeChannels)
const eventNames = new Set(BENCH.eventChannels)
/** channel → the listeners registered on it, in order, as ipcRenderer.on keeps them. */
const listeners = new Map()

const describeChannel = (channel) =>
  typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : typeof channel

const transport = Object.freeze({
  async invoke(channel, payload) {
    if (!invokeNames.has(channel)) {
      throw new Error(`${describeChannel(channel)} is not a channel of Connections Desk`)
    }
    // JSON has no undefined: say whether there was a payload at all.
    const body = JSON.stringify({ channel, hasPayload: payload !== undefined, payload })
    const response = await fetch(BENCH.invokePath, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body
    })
    if (!response.ok) throw new Error(`The bench bridge answered ${response.status}`)
    return response.json()
  },
  on(channel, listener) {
    if (!eventNames.has(channel)) {
      throw new Error(`${describeChannel(channel)} is not a channel of Connections Desk`)
    }
    if (typeof listener !== 'function') {
      throw new Error(`A listener for ${channel} must be a function`)
    }
    const entry = { listener }
    listeners.set(channel, [...(listeners.get(channel) ?? []), entry])
    return () => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== entry)
      )
    }
  }
})

Object.defineProperty(globalThis, BENCH.transportGlobal, { value: transport, enumerable: true })

const events = new EventSource(BENCH.eventsPath)
events.onmessage = (message) => {
  const { channel, payload } = JSON.parse(message.data)
  for (const { listener } of listeners.get(channel) ?? []) {
    try {
      listener(payload)
    } catch (error) {
      // A throwing listener is the page's bug: it surfaces as a page error.
      reportError(error)
    }
  }
}
