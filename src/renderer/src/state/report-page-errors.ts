import type { RendererError } from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'

/** Bounds of rendererErrorSchema: a longer text is cut, never refused. */
const LIMITS = { name: 200, message: 2000, stack: 8000, source: 500 }

function cut(text: string, limit: number): string {
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text
}

function describe(kind: RendererError['kind'], reason: unknown, source?: string): RendererError {
  const error = reason instanceof Error ? reason : undefined
  return {
    kind,
    name: cut(error?.name ?? typeof reason, LIMITS.name),
    message: cut(error?.message ?? String(reason), LIMITS.message),
    ...(error?.stack ? { stack: cut(error.stack, LIMITS.stack) } : {}),
    ...(source ? { source: cut(source, LIMITS.source) } : {})
  }
}

/**
 * Sends the page's uncaught errors and unhandled rejections to the main process's log, so a
 * clerk's diagnostics file shows what broke in the window too. Returns an undo.
 */
export function reportPageErrors(target: Window, desk: Pick<DeskApi, 'errors'>): () => void {
  const send = (report: RendererError): void => {
    // A report that cannot be delivered must not raise another uncaught error, in a loop.
    desk.errors.report(report).catch((failure: unknown) => {
      console.error('The error report did not reach the main process', failure)
    })
  }
  const onError = (event: ErrorEvent): void => {
    const where = event.filename ? `${event.filename}:${event.lineno}:${event.colno}` : undefined
    send(describe('error', event.error ?? event.message, where))
  }
  const onRejection = (event: PromiseRejectionEvent): void => {
    send(describe('unhandled-rejection', event.reason))
  }
  target.addEventListener('error', onError)
  target.addEventListener('unhandledrejection', onRejection)
  return () => {
    target.removeEventListener('error', onError)
    target.removeEventListener('unhandledrejection', onRejection)
  }
}
