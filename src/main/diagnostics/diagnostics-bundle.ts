import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import { zipSync, strToU8 } from 'fflate'
import type { OutboxSummary } from '../../shared/bridge/channels'
import type { AttemptRecord } from './attempt-journal'
import { settingsWithoutSecrets } from './settings-without-secrets'

export interface DiagnosticsFacts {
  now: number
  app: { name: string; version: string; packaged: boolean }
  versions: Record<string, string | undefined>
  os: { platform: string; release: string; arch: string }
  settings: unknown
  outbox: OutboxSummary
  attempts: AttemptRecord[]
  /** The log files, newest first (already redacted line by line when written). */
  logFiles: string[]
}

/** What the zip holds besides the logs, as one readable JSON document. */
export function diagnosticsReport(facts: DiagnosticsFacts): Record<string, unknown> {
  const oldest = facts.outbox.oldestUnsentAt
  return {
    createdAt: new Date(facts.now).toISOString(),
    app: facts.app,
    versions: facts.versions,
    os: facts.os,
    settings: settingsWithoutSecrets(facts.settings),
    outbox: {
      countsByState: facts.outbox.countsByState,
      oldestUnsentAgeMinutes: oldest === null ? null : Math.floor((facts.now - oldest) / 60_000)
    },
    lastDeliveryAttempts: facts.attempts
  }
}

/** The zip a clerk sends to support: report.json and the logs folder. */
export async function diagnosticsZip(facts: DiagnosticsFacts): Promise<Uint8Array> {
  const files: Record<string, Uint8Array> = {
    'report.json': strToU8(`${JSON.stringify(diagnosticsReport(facts), null, 2)}\n`)
  }
  for (const file of facts.logFiles) {
    try {
      files[`logs/${basename(file)}`] = new Uint8Array(await readFile(file))
    } catch (error) {
      // A log rotated away between listing and reading is simply not there any more.
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
    }
  }
  return zipSync(files, { level: 6, mtime: new Date(facts.now) })
}

/** connections-desk-diagnostics-2025-03-14-0930.zip, in local time. */
export function diagnosticsFileName(now: number): string {
  const at = new Date(now)
  const two = (n: number): string => String(n).padStart(2, '0')
  const stamp = `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}-${two(at.getHours())}${two(at.getMinutes())}`
  return `connections-desk-diagnostics-${stamp}.zip`
}
