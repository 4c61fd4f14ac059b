import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { EVENT_CHANNEL_NAMES, INVOKE_CHANNEL_NAMES } from '../../src/shared/bridge/channel-names'
import { DESK_TRANSPORT_GLOBAL } from '../../src/shared/bridge/desk-transport'

/** Names the Node side and the page scripts share. */
export const HARNESS_NAMES = {
  /** Playwright binding: (channel, payload) → the bridge handler's envelope. */
  invokeBinding: '__deskHarnessInvoke',
  /** Playwright binding: one CSP violation's facts. */
  cspBinding: '__deskHarnessCspViolation',
  /** Page function the Node side calls to push a notice to the page's listeners. */
  emitFunction: '__deskHarnessEmit',
  transportGlobal: DESK_TRANSPORT_GLOBAL
} as const

const SCRIPT_FOLDER = join(import.meta.dirname, 'page-scripts')

/**
 * The init scripts, as text: plain browser scripts rather than serialized TypeScript
 * functions, because a transpiler (tsx, esbuild's keepNames) may wrap a function's inner
 * functions in helpers that do not exist in the page.
 */
export async function pageScripts(): Promise<string[]> {
  const settings = {
    ...HARNESS_NAMES,
    invokeChannels: INVOKE_CHANNEL_NAMES,
    eventChannels: EVENT_CHANNEL_NAMES
  }
  const files = ['desk-transport.js', 'csp-recorder.js']
  return Promise.all(
    files.map(async (file) => {
      const body = await readFile(join(SCRIPT_FOLDER, file), 'utf8')
      // Own scope: nothing but the intended globals reaches the page.
      return `;(() => {\nconst HARNESS = ${JSON.stringify(settings)}\n${body}\n})()\n`
    })
  )
}
