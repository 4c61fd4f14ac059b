import type { Locator, Page } from 'playwright'
import type { InvokeChannelName } from '$shared/bridge/channel-names'
import type { InvokeChannel, RequestOf, ResponseOf } from '$shared/bridge/channels'
import { unwrap } from '$shared/bridge/envelope'
import { parseResponse } from '$shared/bridge/parse'

/**
 * The base of the harness's page objects: what every screen's object needs. Functions
 * passed to page.evaluate stay single expressions, because a transpiler may wrap named
 * inner functions in helpers the page does not have.
 */
export class DeskPage {
  constructor(readonly page: Page) {}

  /** The app has mounted: `#app` has children. */
  async waitForDeskReady(): Promise<void> {
    await this.page.locator('#app > *').first().waitFor({ state: 'attached' })
  }

  /** Calls `window.deskTransport.invoke` in the page: the raw envelope, as the page gets it. */
  invoke(channel: InvokeChannelName, payload?: unknown): Promise<unknown> {
    return this.page.evaluate(
      ([name, body]) => (globalThis as unknown as PageGlobals).deskTransport.invoke(name, body),
      [channel, payload] as const
    )
  }

  /** invoke, unwrapped and parsed as the page's DeskApi would: typed errors are rethrown. */
  async call<C extends InvokeChannel>(channel: C, payload?: RequestOf<C>): Promise<ResponseOf<C>> {
    return parseResponse(channel, unwrap(await this.invoke(channel, payload)))
  }

  /** The names of the IndexedDB databases of the page's origin. */
  readIndexedDbNames(): Promise<string[]> {
    return this.page.evaluate(async () =>
      (await (globalThis as unknown as PageGlobals).indexedDB.databases())
        .map((database) => database.name)
        .filter((name): name is string => typeof name === 'string')
        .sort()
    )
  }
}

/**
 * The cell texts of a table's data rows (rows with `td` cells that assistive technology can
 * see), read in one task of the page: the table may re-render between two reads, so a reading
 * row by row could mix two versions of it, or miss a row that moved.
 */
export function readTableCells(table: Locator): Promise<string[][]> {
  return table.evaluate((element) =>
    Array.from((element as unknown as PageElement).querySelectorAll('tbody > tr'))
      .filter((row) => row.getAttribute('aria-hidden') !== 'true' && row.querySelector('td'))
      .map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.innerText))
  )
}

/** What the readers above use of a DOM element (the Node project has no DOM types). */
export interface PageElement {
  innerText: string
  textContent: string | null
  parentElement: PageElement | null
  getAttribute(name: string): string | null
  querySelector(selectors: string): PageElement | null
  querySelectorAll(selectors: string): ArrayLike<PageElement>
}

/** What these helpers use of the page's globals (the Node project has no DOM types). */
interface PageGlobals {
  deskTransport: { invoke(channel: string, payload: unknown): Promise<unknown> }
  indexedDB: { databases(): Promise<Array<{ name?: string }>> }
}
