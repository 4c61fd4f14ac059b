import { readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import * as z from 'zod'
import type { DeskSession } from '../desk-session'
import { summarize } from '../measure'
import type { MetricRow } from '../metric-row'

const HISTORY = 10_000
const ROUNDS = 3
const MB = 1024 * 1024

/**
 * What the history costs on disk: the bytes Chromium's profile folder grows by when 10,000
 * sent results are written into a fresh site database and it is closed. It runs first on
 * its session and deletes nothing until the end: the database files of deleted databases
 * shrink later (compaction), which would be counted against the writes.
 */
export async function diskSuite(session: DeskSession): Promise<MetricRow[]> {
  const grown: number[] = []
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const before = await folderBytes(session.desk.profileDir)
      await session.call('writeHistory', { items: HISTORY }, z.undefined())
      grown.push((await folderBytes(session.desk.profileDir)) - before)
    }
  } finally {
    await session.call('deleteHistory', undefined, z.undefined())
  }
  const value = summarize(grown.map((bytes) => bytes / MB))
  return [
    {
      id: 'history-on-disk',
      name: `IndexedDB on disk per ${HISTORY.toLocaleString('en')} history items`,
      unit: 'MB',
      value,
      target: '(no target: reported)',
      met: null,
      details: {
        bytesPerItem: Math.round((value.median * MB) / HISTORY),
        measured: "growth of Chromium's profile folder after the writes and a close"
      }
    }
  ]
}

async function folderBytes(folder: string): Promise<number> {
  let total = 0
  for (const entry of await readdir(folder, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    total += await stat(join(entry.parentPath, entry.name)).then(
      (info) => info.size,
      () => 0
    )
  }
  return total
}
