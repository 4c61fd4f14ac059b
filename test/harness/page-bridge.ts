import type { BrowserContext, Page } from 'playwright'
import type { BridgeHandler } from '../../src/main/bridge-handlers'
import { isTrustedSender, sendBridgeEvent } from '../../src/main/ipc'
import type { EventChannelName } from '../../src/shared/bridge/channel-names'
import type { EventOf } from '../../src/shared/bridge/channels'
import { failure, type Envelope } from '../../src/shared/bridge/envelope'
import { ForbiddenSenderError, InvalidPayloadError } from '../../src/shared/errors'
import { recordCspViolation, type PageRecords } from './page-records'
import { HARNESS_NAMES, pageScripts } from './page-scripts'

/**
 * The harness's ipc.ts and preload in one: pages reach the bridge handlers through a
 * Playwright binding, behind the same sender check the app applies to IPC, and notices
 * reach the pages' listeners through page.evaluate. Playwright's bindings and init scripts
 * run outside the page's CSP, so the page keeps the production policy untouched.
 */
export interface PageBridge {
  /** Sends a notice to every page of the context, parsed with its schema first. */
  send<E extends EventChannelName>(channel: E, payload: EventOf<E>): void
}

export interface PageBridgeOptions {
  /** The bridge handler of the current run. */
  handler: BridgeHandler
  /** Requests from any other origin are refused, as ipc.ts refuses them. */
  appOrigin: string
  records: PageRecords
  warn(message: string): void
}

export async function installPageBridge(
  context: BrowserContext,
  options: PageBridgeOptions
): Promise<PageBridge> {
  // Each page is a window with its own webContents id: delivery lets one send at a time.
  const senderIds = new WeakMap<Page, number>()
  let nextSenderId = 1
  const senderIdOf = (page: Page): number => {
    let id = senderIds.get(page)
    if (id === undefined) {
      id = nextSenderId++
      senderIds.set(page, id)
    }
    return id
  }

  await context.exposeBinding(
    HARNESS_NAMES.invokeBinding,
    async ({ page, frame }, channel: unknown, payload: unknown): Promise<Envelope<unknown>> => {
      const facts = { frameUrl: frame.url(), frameIsNull: false, webContentsId: senderIdOf(page) }
      const windows = context.pages().map(senderIdOf)
      if (!isTrustedSender(facts, windows, options.appOrigin)) {
        options.warn(`Refused ${String(channel)} from ${facts.frameUrl}`)
        return failure(
          new ForbiddenSenderError(
            'This request did not come from a Connections Desk window, so it was refused'
          )
        )
      }
      if (typeof channel !== 'string') {
        return failure(new InvalidPayloadError(`A ${typeof channel} is not a channel name`))
      }
      // The handler refuses names that are not channels, as it does behind ipcMain.
      return options.handler(channel, payload, { id: facts.webContentsId })
    }
  )
  await context.exposeBinding(HARNESS_NAMES.cspBinding, (_source, report: unknown) => {
    recordCspViolation(options.records, report)
  })
  for (const content of await pageScripts()) await context.addInitScript({ content })

  return {
    send(channel, payload) {
      for (const page of context.pages()) {
        sendBridgeEvent(
          {
            isDestroyed: () => page.isClosed(),
            send: (name, event) => {
              page
                .evaluate(
                  ([emit, eventName, eventPayload]) =>
                    (globalThis as unknown as Record<string, (c: unknown, p: unknown) => void>)[
                      emit
                    ]?.(eventName, eventPayload),
                  [HARNESS_NAMES.emitFunction, name, event] as const
                )
                .catch((error: unknown) => {
                  // A page that closed or navigated meanwhile: the notice is lost, as an IPC
                  // message to a closing window is. Said in the log, never silently.
                  options.warn(
                    `The notice ${name} did not reach ${page.url()}: ${error instanceof Error ? error.message : String(error)}`
                  )
                })
            }
          },
          channel,
          payload
        )
      }
    }
  }
}
