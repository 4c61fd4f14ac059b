import * as z from 'zod'
import { changeRequestSchema } from '../change-request'
import type { CaptureInput } from './outbox-transitions'
import type { OutboxItem } from './outbox-item'

/**
 * The second copy of every unsent result, kept by the main process in a file of its own.
 * Chromium deletes an origin's whole IndexedDB when it finds it damaged on opening ("IndexedDB
 * recovering from a corrupted (and deleted) database"), and a crash or power cut at the
 * wrong moment can leave it so: without this copy, every unsent result would go with it.
 * The copy holds what the clerk entered, never delivery state: a result brought back from
 * it may have been sent already (outbox-transitions.ts, restoreFromBackup).
 */

const MAX_ID_LENGTH = 200
const MAX_TEXT_LENGTH = 2_000

export const backedUpResultSchema = z.object({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  idempotencyKey: z.string().min(1).max(MAX_ID_LENGTH),
  siteKey: z.string().min(1).max(MAX_TEXT_LENGTH),
  capturedBy: z.string().max(MAX_TEXT_LENGTH),
  sequence: z.int().positive(),
  capturedAt: z.number(),
  body: changeRequestSchema,
  summary: z.object({
    operation: z.enum(['new', 'complete', 'keep-open', 'reassign']),
    contactName: z.string().max(MAX_TEXT_LENGTH),
    connectionTypeName: z.string().max(MAX_TEXT_LENGTH),
    assigneeName: z.string().max(MAX_TEXT_LENGTH).optional()
  })
}) satisfies z.ZodType<CaptureInput>
export type BackedUpResult = z.infer<typeof backedUpResultSchema>

/** One site's results still backed up, in capture order, and the highest number it handed out. */
export const backupListingSchema = z.object({
  results: z.array(backedUpResultSchema),
  highestSequence: z.int().nonnegative()
})
export type BackupListing = z.infer<typeof backupListingSchema>

/** The part of an item the backup keeps: what was captured, as last edited. */
export function backedUpResultOf(item: OutboxItem): BackedUpResult {
  const { id, idempotencyKey, siteKey, capturedBy, sequence, capturedAt, body, summary } = item
  return { id, idempotencyKey, siteKey, capturedBy, sequence, capturedAt, body, summary }
}

/** Sent and discarded results need no second copy: nothing more is to be done with them. */
export function needsBackup(item: OutboxItem): boolean {
  return item.state !== 'sent' && item.state !== 'discarded'
}

/** One change of the backup, as the main process appends it to its file. */
export const backupLineSchema = z.union([
  z.object({ keep: backedUpResultSchema }),
  z.object({ drop: z.object({ siteKey: z.string(), ids: z.array(z.string()) }) }),
  z.object({ highest: z.object({ siteKey: z.string(), sequence: z.int().nonnegative() }) })
])
export type BackupLine = z.infer<typeof backupLineSchema>

/** The backup's content in memory: every line applied in order gives the same copies. */
export interface BackupCopies {
  apply(line: BackupLine): void
  /** Which of these ids the site has copies of. */
  present(siteKey: string, ids: readonly string[]): string[]
  list(siteKey: string): BackupListing
  /** The fewest lines that rebuild these copies, for rewriting the file. */
  lines(): BackupLine[]
}

interface SiteCopies {
  results: Map<string, BackedUpResult>
  /** The highest capture number the site handed out, kept after its results are dropped. */
  highest: number
}

export function createBackupCopies(): BackupCopies {
  const sites = new Map<string, SiteCopies>()

  function site(siteKey: string): SiteCopies {
    let copies = sites.get(siteKey)
    if (!copies) {
      copies = { results: new Map(), highest: 0 }
      sites.set(siteKey, copies)
    }
    return copies
  }

  return {
    apply(line) {
      if ('keep' in line) {
        const copies = site(line.keep.siteKey)
        copies.results.set(line.keep.id, line.keep)
        copies.highest = Math.max(copies.highest, line.keep.sequence)
      } else if ('drop' in line) {
        const copies = site(line.drop.siteKey)
        for (const id of line.drop.ids) copies.results.delete(id)
      } else {
        const copies = site(line.highest.siteKey)
        copies.highest = Math.max(copies.highest, line.highest.sequence)
      }
    },
    present(siteKey, ids) {
      const results = sites.get(siteKey)?.results
      return ids.filter((id) => results?.has(id))
    },
    list(siteKey) {
      const copies = sites.get(siteKey)
      const results = [...(copies?.results.values() ?? [])]
      return {
        results: results.sort((left, right) => left.sequence - right.sequence),
        highestSequence: copies?.highest ?? 0
      }
    },
    lines() {
      const lines: BackupLine[] = []
      for (const [siteKey, copies] of sites) {
        lines.push({ highest: { siteKey, sequence: copies.highest } })
        for (const result of copies.results.values()) lines.push({ keep: result })
      }
      return lines
    }
  }
}
