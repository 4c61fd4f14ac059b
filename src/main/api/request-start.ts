import type { Dispatcher } from 'undici'

/**
 * Tells whether undici began writing one request. It calls `onRequestStart` on a connected
 * socket right before the request line goes out; everything that can fail earlier
 * (looking up the name, connecting, a proxy's tunnel, the TLS handshake and its
 * certificate checks) fails before it. So a request that failed without starting cannot
 * have reached the site, whatever the error was.
 */
export interface RequestStartWatch {
  /** Send the request through this one, once. */
  dispatcher: Dispatcher
  started(): boolean
}

export function watchRequestStart(dispatcher: Dispatcher): RequestStartWatch {
  let started = false
  const watched = dispatcher.compose(
    (dispatch) => (options, handler) =>
      dispatch(
        options,
        startWatchingHandler(handler, () => (started = true))
      )
  )
  return { dispatcher: watched, started: () => started }
}

/** The same handler, told first when the request starts. */
function startWatchingHandler(
  handler: Dispatcher.DispatchHandler,
  onStart: () => void
): Dispatcher.DispatchHandler {
  return {
    onRequestStart(controller, context) {
      onStart()
      handler.onRequestStart?.(controller, context)
    },
    onRequestUpgrade: (...args) => handler.onRequestUpgrade?.(...args),
    onResponseStart: (...args) => handler.onResponseStart?.(...args),
    onResponseData: (...args) => handler.onResponseData?.(...args),
    onResponseEnd: (...args) => handler.onResponseEnd?.(...args),
    onResponseError: (...args) => handler.onResponseError?.(...args),
    onResponseStarted: () => handler.onResponseStarted?.(),
    onBodySent: (chunk) => handler.onBodySent?.(chunk),
    onRequestSent: () => handler.onRequestSent?.()
  }
}
