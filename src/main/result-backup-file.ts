import { mkdir, open, readFile, rename } from 'node:fs/promises'
import { dirname } from 'node:path'
import { StorageWriteError } from '../shared/errors'
import {
  backupLineSchema,
  createBackupCopies,
  type BackupLine
} from '../shared/outbox/result-backup'
import type { ResultBackup } from './service-contracts'

/**
 * The backup copy of unsent results (src/shared/outbox/result-backup.ts), as lines of JSON
 * appended to one file in the app's data folder, outside Chromium's storage. A line is
 * never rewritten in place: a crash can only cut the last line short, and reading skips it.
 * Kept results are flushed to the disk before the page is told; a drop is not, because a
 * lost drop only leaves a copy that the page drops again on its next start.
 */

/** The file's name in the app's data folder (beside Chromium's own storage). */
export const RESULT_BACKUP_FILE = 'result-backup.jsonl'

/** Rewrite the file once it holds this many lines more than the copies need. */
const COMPACT_AFTER_STALE_LINES = 2_000

export interface ResultBackupFileOptions {
  /** undefined keeps the copy in memory only. */
  filePath: string | undefined
  warn(message: string): void
}

export function createResultBackupFile(options: ResultBackupFileOptions): ResultBackup {
  const { filePath, warn } = options
  const copies = createBackupCopies()
  let lineCount = 0
  /** A crash cut the last line short: the next line must not be glued to its end. */
  let endsInTornLine = false
  let loaded: Promise<void> | undefined
  /** One file operation at a time, in the order asked. */
  let queue: Promise<unknown> = Promise.resolve()

  async function load(): Promise<void> {
    if (filePath === undefined) return
    let text: string
    try {
      text = await readFile(filePath, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
      throw error
    }
    endsInTornLine = text.length > 0 && !text.endsWith('\n')
    let unreadable = 0
    for (const raw of text.split('\n')) {
      if (raw.trim() === '') continue
      lineCount++
      const parsed = backupLineSchema.safeParse(parseJson(raw))
      if (parsed.success) copies.apply(parsed.data)
      else unreadable++
    }
    if (unreadable > 0) {
      // The last line of a write a crash cut short is expected; more would be news.
      warn(`result backup: skipped ${unreadable} unreadable line(s) of ${filePath}`)
    }
    await compactIfStale()
  }

  async function compactIfStale(): Promise<void> {
    if (filePath === undefined) return
    const live = copies.lines()
    if (lineCount - live.length < COMPACT_AFTER_STALE_LINES) return
    const temporary = `${filePath}.new`
    await writeLines(temporary, live, 'w', true)
    await rename(temporary, filePath)
    lineCount = live.length
    endsInTornLine = false
  }

  async function append(lines: BackupLine[], flush: boolean): Promise<void> {
    if (filePath !== undefined) {
      try {
        await writeLines(filePath, lines, 'a', flush, endsInTornLine)
      } catch (error) {
        // Part of the line may have reached the file.
        endsInTornLine = true
        throw error
      }
      endsInTornLine = false
    }
    lineCount += lines.length
    lines.forEach((line) => copies.apply(line))
  }

  function run<T>(operation: () => Promise<T>): Promise<T> {
    loaded ??= load()
    const result = queue.then(() => loaded).then(operation)
    queue = result.catch(() => undefined)
    return result.catch((error: unknown) => {
      throw new StorageWriteError(
        `The backup copy of unsent results could not be written or read (${describe(error)}). Your results are still saved in the outbox; check that the disk has free space.`
      )
    })
  }

  return {
    keep: (results) =>
      run(() =>
        append(
          results.map((result) => ({ keep: result })),
          true
        )
      ),
    drop: (siteKey, ids) =>
      run(async () => {
        const present = copies.present(siteKey, ids)
        if (present.length === 0) return
        await append([{ drop: { siteKey, ids: present } }], false)
        await compactIfStale()
      }),
    list: (siteKey) => run(async () => copies.list(siteKey))
  }
}

async function writeLines(
  path: string,
  lines: BackupLine[],
  mode: 'a' | 'w',
  flush: boolean,
  afterTornLine = false
): Promise<void> {
  await mkdir(dirname(path), { recursive: true })
  const file = await open(path, mode, 0o600)
  try {
    const text = lines.map((line) => `${JSON.stringify(line)}\n`).join('')
    await file.write(afterTornLine ? `\n${text}` : text)
    if (flush) await file.datasync()
  } finally {
    await file.close()
  }
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw) as unknown
  } catch {
    return undefined
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code
    return code ? `${code}: ${error.message}` : error.message
  }
  return String(error)
}
