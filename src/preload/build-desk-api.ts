// The builder lives in src/shared/bridge so the page can run it in its own realm (see
// src/preload/index.ts for why); the preload and the harness import it from here too.
export { buildDeskApi } from '../shared/bridge/build-desk-api'
export type { DeskApi } from '../shared/bridge/desk-api'
export type { DeskTransport } from '../shared/bridge/desk-transport'
