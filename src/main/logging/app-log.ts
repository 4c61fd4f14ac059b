import nodeLog from 'electron-log/node'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { formatWithOptions } from 'node:util'
import type { ApiLogger } from '../api/api-logger'
import { redact } from './redact'
import { logFileNames, rotateLogFile } from './rotate-log'

export type LogLevel = 'error' | 'warn' | 'info' | 'debug'
export const LOG_LEVELS: readonly LogLevel[] = ['error', 'warn', 'info', 'debug']

export interface AppLogOptions {
  /** The app's logs folder (Electron's app.getPath('logs')). */
  directory: string
  /** Lines below this level are not written. */
  level?: LogLevel
  /** A file over this size is rotated. */
  maxFileBytes?: number
  /** Rotated files kept besides the live one. */
  keepFiles?: number
  /** Also write to the terminal (development). */
  console?: boolean
  /** Distinguishes loggers in one process (tests). */
  logId?: string
}

export interface AppLog {
  error(...data: unknown[]): void
  warn(...data: unknown[]): void
  info(...data: unknown[]): void
  debug(...data: unknown[]): void
  /** The API layer's logger (src/main/api/api-logger.ts), writing into this log. */
  readonly api: ApiLogger
  /** A value that must never reach a log line, whatever surrounds it (a password). */
  addSecret(value: string): void
  /** The log files that exist, newest first. */
  files(): string[]
  readonly directory: string
}

export const LOG_FILE_NAME = 'main.log'
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024
export const DEFAULT_KEEP_FILES = 4

let loggers = 0

/**
 * The main process's log: rotating files in the app's logs folder, levels, and every line
 * passed through redact() before any transport sees it.
 */
export function createAppLog(options: AppLogOptions): AppLog {
  const keep = options.keepFiles ?? DEFAULT_KEEP_FILES
  const secrets = new Set<string>()
  const logger = nodeLog.create({ logId: options.logId ?? `connections-desk-${++loggers}` })

  logger.transports.file.resolvePathFn = () => join(options.directory, LOG_FILE_NAME)
  logger.transports.file.level = options.level ?? 'info'
  logger.transports.file.maxSize = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES
  logger.transports.file.archiveLogFn = (file) => rotateLogFile(file.path, keep)
  logger.transports.console.level = options.console ? (options.level ?? 'info') : false
  for (const name of ['ipc', 'remote'] as const) {
    const transport = logger.transports[name] as { level: unknown } | undefined
    if (transport) transport.level = false
  }
  // One line of redacted text replaces whatever was logged, before any transport runs:
  // errors and objects are formatted first, so their messages and fields are covered too.
  logger.hooks.push((message) => ({
    ...message,
    data: [
      redact(
        formatWithOptions({ depth: 4, breakLength: Infinity }, ...(message.data as unknown[])),
        secrets
      )
    ]
  }))

  return {
    error: (...data) => logger.error(...data),
    warn: (...data) => logger.warn(...data),
    info: (...data) => logger.info(...data),
    debug: (...data) => logger.debug(...data),
    api: {
      info: (message) => logger.info(message),
      warn: (message) => logger.warn(message)
    },
    addSecret(value) {
      if (value) secrets.add(value)
    },
    files: () =>
      logFileNames(LOG_FILE_NAME, keep)
        .map((name) => join(options.directory, name))
        .filter((path) => existsSync(path)),
    directory: options.directory
  }
}
