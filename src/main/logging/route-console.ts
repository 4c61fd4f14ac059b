import type { AppLog } from './app-log'

type ConsoleLike = Pick<Console, 'error' | 'warn' | 'info' | 'log' | 'debug'>

/**
 * Sends the main process's console (the vault's warnings, the bridge's fault lines, any
 * library's output) into the log, so every line is redacted and kept. Returns an undo.
 */
export function routeConsoleToLog(target: ConsoleLike, log: AppLog): () => void {
  const original = { ...target }
  target.error = (...data: unknown[]) => log.error(...data)
  target.warn = (...data: unknown[]) => log.warn(...data)
  target.info = (...data: unknown[]) => log.info(...data)
  target.log = (...data: unknown[]) => log.info(...data)
  target.debug = (...data: unknown[]) => log.debug(...data)
  return () => Object.assign(target, original)
}
