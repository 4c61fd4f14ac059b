import type { BrowserContext, Page, Request, Route } from 'playwright'
import type { ExternalLinks } from '../../src/main/service-contracts'
import { originOf } from '../../src/shared/bridge/origin'

export interface NavigationGuardOptions {
  appOrigin: string
  /** Answers a request for the app's own files (renderer-server.ts), network or not. */
  serveApp(route: Route): Promise<void>
  externalLinks: ExternalLinks
  warn(message: string): void
}

/**
 * What session-hardening.ts's hardenWebContents does in the app, done with request
 * routing: the page cannot leave the app's origin, a navigation elsewhere goes to the
 * system browser (the external links service, which records it) instead, and a window the
 * page opens is closed, as setWindowOpenHandler denies every one. What stays on the app's
 * origin is answered from its files, never fetched over the network.
 */
export async function guardNavigation(
  context: BrowserContext,
  options: NavigationGuardOptions
): Promise<void> {
  context.on('page', (page) => {
    void closeIfPopup(page, options)
  })
  await context.route('**/*', (route) => guard(route, options))
}

async function guard(route: Route, options: NavigationGuardOptions): Promise<void> {
  const request = route.request()
  const url = request.url()
  const sameOrigin = originOf(url) === options.appOrigin
  if (!request.isNavigationRequest()) {
    if (sameOrigin) await options.serveApp(route)
    else await route.abort('blockedbyclient')
    return
  }
  const popup = isPopupNavigation(request)
  if (sameOrigin && !popup) {
    await options.serveApp(route)
    return
  }
  // 204 No Content cancels a navigation and leaves the page where it was, as
  // preventDefault on will-navigate does; an aborted one would show an error page.
  await route.fulfill({ status: 204 })
  if (!sameOrigin && /^https?:/i.test(url)) {
    options.externalLinks.open(url).catch((error: unknown) => {
      options.warn(`Link not opened: ${error instanceof Error ? error.message : String(error)}`)
    })
  }
}

/** A window.open's first navigation is routed before its page (and frame) exist. */
function isPopupNavigation(request: Request): boolean {
  try {
    request.frame()
    return false
  } catch {
    return true
  }
}

async function closeIfPopup(page: Page, options: NavigationGuardOptions): Promise<void> {
  try {
    if ((await page.opener()) === null) return
    await page.close()
  } catch (error) {
    if (!page.isClosed()) options.warn(`A window the page opened could not be closed: ${error}`)
  }
}
