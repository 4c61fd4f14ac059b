import { buildDeskApi } from './build-desk-api'
import type { DeskApi } from './desk-api'
import { DESK_TRANSPORT_GLOBAL, type DeskTransport } from './desk-transport'
import { DeskError } from '../errors'

/**
 * The page's DeskApi, built in the page from the transport the preload exposes. Built here
 * rather than in the preload because contextBridge copies only an error's message: a typed
 * error thrown in the preload would reach the page as a plain Error.
 */
export function deskFromWindow(scope: object = globalThis): DeskApi {
  const transport = (scope as Record<string, DeskTransport | undefined>)[DESK_TRANSPORT_GLOBAL]
  if (!transport) {
    throw new DeskError(
      'Connections Desk cannot reach its main process: the page was opened outside the app'
    )
  }
  return buildDeskApi(transport)
}
