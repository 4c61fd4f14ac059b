/* global HARNESS */
// The harness's stand-in for src/preload/index.ts, run in the page before any of its own
// scripts: `window.deskTransport` as the preload exposes it, carried over Playwright
// bindings instead of ipcRenderer. The harness wraps this file in a function that defines
// HARNESS (the binding and channel names).

const invokeNames = new Set(HARNESS.invokeChannels)
const eventNames = new Set(HARNESS.eventChannels)
/** channel → the listeners registered on it, in order, as ipcRenderer.on keeps them. */
const listeners = new Map()

const describeChannel = (channel) =>
  typeof channel === 'string' ? `"${channel.slice(0, 60)}"` : typeof channel

const transport = Object.freeze({
  invoke(channel, payload) {
    if (!invokeNames.has(channel)) {
      return Promise.reject(
        new Error(`${describeChannel(channel)} is not a channel of Connections Desk`)
      )
    }
    return globalThis[HARNESS.invokeBinding](channel, payload)
  },
  on(channel, listener) {
    if (!eventNames.has(channel)) {
      throw new Error(`${describeChannel(channel)} is not a channel of Connections Desk`)
    }
    if (typeof listener !== 'function') {
      throw new Error(`A listener for ${channel} must be a function`)
    }
    // Its own entry per registration, so registering one function twice needs two stops.
    const entry = { listener }
    const registered = listeners.get(channel) ?? []
    listeners.set(channel, [...registered, entry])
    return () => {
      listeners.set(
        channel,
        (listeners.get(channel) ?? []).filter((candidate) => candidate !== entry)
      )
    }
  }
})

Object.defineProperty(globalThis, HARNESS.transportGlobal, { value: transport, enumerable: true })

// The Node side pushes notices through this, as webContents.send does in the app.
Object.defineProperty(globalThis, HARNESS.emitFunction, {
  value: (channel, payload) => {
    for (const { listener } of listeners.get(channel) ?? []) {
      try {
        // Each listener gets its own copy, as each IPC message is deserialized afresh.
        listener(structuredClone(payload))
      } catch (error) {
        // A throwing listener is the page's bug: it surfaces as a page error, and the
        // other listeners still hear the notice.
        reportError(error)
      }
    }
  }
})
