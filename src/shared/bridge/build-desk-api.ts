import type { EventChannel, EventOf, InvokeChannel, RequestOf, ResponseOf } from './channels'
import type { DeskApi } from './desk-api'
import type { DeskTransport } from './desk-transport'
import { unwrap } from './envelope'
import { parseEvent, parseRequest, parseResponse } from './parse'

/**
 * The page's API over any transport. Every call checks what it sends (so a form mistake is
 * named before anything leaves the page), unwraps the envelope (rebuilding the typed error
 * by name), and checks what comes back; notices are checked before a listener sees them.
 */
export function buildDeskApi(transport: DeskTransport): DeskApi {
  async function call<C extends InvokeChannel>(
    channel: C,
    payload: RequestOf<C>
  ): Promise<ResponseOf<C>> {
    const request = parseRequest(channel, payload)
    const raw = await transport.invoke(channel, request)
    return parseResponse(channel, unwrap(raw))
  }

  function listen<E extends EventChannel>(
    channel: E,
    listener: (event: EventOf<E>) => void
  ): () => void {
    return transport.on(channel, (payload) => {
      let event: EventOf<E>
      try {
        event = parseEvent(channel, payload)
      } catch (error) {
        // A notice the page cannot read is dropped, but never silently.
        console.error(error instanceof Error ? error.message : error)
        return
      }
      listener(event)
    })
  }

  return Object.freeze({
    credentials: Object.freeze({
      status: () => call('credentials:status', undefined),
      signIn: (request) => call('credentials:sign-in', request),
      signInWithEmail: (request) => call('credentials:sign-in-email', request),
      signOut: () => call('credentials:sign-out', undefined)
    }),
    sites: Object.freeze({
      find: (request) => call('sites:find', request)
    }),
    account: Object.freeze({
      get: () => call('account:get', undefined)
    }),
    types: Object.freeze({
      list: () => call('types:list', undefined)
    }),
    responses: Object.freeze({
      list: (request) => call('responses:list', request)
    }),
    teams: Object.freeze({
      list: () => call('teams:list', undefined)
    }),
    assignments: Object.freeze({
      summary: (request) => call('assignments:summary', request),
      list: (request) => call('assignments:list', request)
    }),
    connections: Object.freeze({
      get: (request) => call('connections:get', request),
      ofPerson: (request) => call('connections:of-person', request)
    }),
    people: Object.freeze({
      search: (request) => call('people:search', request),
      get: (request) => call('people:get', request)
    }),
    practice: Object.freeze({
      start: (request) => call('practice:start', request),
      site: () => call('practice:site', undefined)
    }),
    delivery: Object.freeze({
      send: (batch) => call('delivery:send', batch),
      stop: (request) => call('delivery:stop', request),
      report: (report) => call('delivery:report', report),
      state: () => call('delivery:state', undefined),
      onWake: (listener) => listen('delivery:wake', listener),
      onStateChanged: (listener) => listen('delivery:state-changed', listener)
    }),
    backup: Object.freeze({
      keep: (results) => call('backup:keep', { results }),
      drop: (request) => call('backup:drop', request),
      list: (request) => call('backup:list', request)
    }),
    links: Object.freeze({
      open: (url) => call('links:open', { url })
    }),
    updates: Object.freeze({
      state: () => call('updates:state', undefined),
      restart: () => call('updates:restart', undefined),
      onStateChanged: (listener) => listen('updates:state-changed', listener)
    }),
    diagnostics: Object.freeze({
      save: (request) => call('diagnostics:save', request),
      onRequested: (listener) => listen('diagnostics:requested', () => listener())
    }),
    sheets: Object.freeze({
      savePdf: (request) => call('sheets:save-pdf', request)
    }),
    errors: Object.freeze({
      report: (error) => call('errors:report', error)
    })
  } satisfies DeskApi)
}
