import { appendFile, mkdtemp, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createResultBackupFile } from '../../src/main/result-backup-file'
import { buildKeepOpen } from '../../src/shared/change-request'
import { StorageWriteError } from '../../src/shared/errors'
import type { BackedUpResult } from '../../src/shared/outbox/result-backup'

const SITE = 'practice#12345'
const OTHER_SITE = 'https://secure.accessacs.com/api_accessacs_mobile/v2#777'

let folder: string
let warnings: string[]

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'result-backup-'))
  warnings = []
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

function open(filePath = join(folder, 'result-backup.jsonl')) {
  return createResultBackupFile({ filePath, warn: (message) => warnings.push(message) })
}

function result(sequence: number, siteKey = SITE, comment = `call ${sequence}`): BackedUpResult {
  const built = buildKeepOpen({
    connectionId: 100 + sequence,
    date: '03/14/2025',
    comment,
    responseIds: []
  })
  if (!built.ok) throw new Error('the test body is invalid')
  return {
    id: `item-${siteKey.length}-${sequence}`,
    idempotencyKey: `key-${sequence}`,
    siteKey,
    capturedBy: 'jadams',
    sequence,
    capturedAt: Date.UTC(2025, 2, 14, 9, sequence),
    body: built.body,
    summary: { operation: 'keep-open', contactName: 'Ann Lee', connectionTypeName: 'Visit' }
  }
}

describe('result backup file (src/main/result-backup-file.ts)', () => {
  it('gives back what was kept, per site, in capture order, after the app starts again', async () => {
    const first = open()
    await first.keep([result(2), result(1, OTHER_SITE)])
    await first.keep([result(1)])

    const again = open()
    expect(await again.list(SITE)).toEqual({
      results: [result(1), result(2)],
      highestSequence: 2
    })
    expect((await again.list(OTHER_SITE)).results).toEqual([result(1, OTHER_SITE)])
    expect(await again.list('practice#999')).toEqual({ results: [], highestSequence: 0 })
  })

  it('forgets dropped results but remembers the highest number the site handed out', async () => {
    const backup = open()
    await backup.keep([result(1), result(2), result(3)])
    await backup.drop(SITE, [result(3).id, result(1).id, 'never-kept'])

    const again = open()
    expect(await again.list(SITE)).toEqual({ results: [result(2)], highestSequence: 3 })
  })

  it('keeps the last edit of a result', async () => {
    const backup = open()
    await backup.keep([result(1)])
    const edited = { ...result(1, SITE, 'called twice'), idempotencyKey: 'key-renewed' }
    await backup.keep([edited])

    expect((await open().list(SITE)).results).toEqual([edited])
  })

  it('skips a last line a crash cut short, and says so in the log', async () => {
    const path = join(folder, 'result-backup.jsonl')
    await open(path).keep([result(1), result(2)])
    await appendFile(path, '{"keep":{"id":"item-14-3","idempot')

    const again = open(path)
    expect((await again.list(SITE)).results.map((each) => each.sequence)).toEqual([1, 2])
    expect(warnings).toEqual([`result backup: skipped 1 unreadable line(s) of ${path}`])
    // What comes after the torn line is read again at the next start.
    await again.keep([result(3)])
    expect((await open(path).list(SITE)).results.map((each) => each.sequence)).toEqual([1, 2, 3])
  })

  it('rewrites a file grown long with dropped results, keeping what it holds', async () => {
    const path = join(folder, 'result-backup.jsonl')
    const backup = open(path)
    for (let sequence = 1; sequence <= 1_100; sequence++) {
      await backup.keep([result(sequence)])
      await backup.drop(SITE, [result(sequence).id])
    }
    await backup.keep([result(1_101)])
    const lines = (await readFile(path, 'utf8')).trim().split('\n')
    expect(lines.length).toBeLessThan(1_000)

    expect(await open(path).list(SITE)).toEqual({
      results: [result(1_101)],
      highestSequence: 1_101
    })
  })

  it('writes the file for its owner only: it holds names and comments', async () => {
    const path = join(folder, 'result-backup.jsonl')
    await open(path).keep([result(1)])
    expect((await stat(path)).mode & 0o777).toBe(0o600)
  })

  it('refuses with a reason the clerk can act on when the file cannot be written', async () => {
    // A folder where the file should be: every open for writing fails.
    const backup = open(folder)
    const kept = backup.keep([result(1)])
    await expect(kept).rejects.toBeInstanceOf(StorageWriteError)
    await expect(kept).rejects.toThrow(/Your results are still saved in the outbox/)
  })

  it('keeps nothing on disk without a file, and still answers', async () => {
    const backup = createResultBackupFile({ filePath: undefined, warn: () => {} })
    await backup.keep([result(1)])
    expect((await backup.list(SITE)).results).toEqual([result(1)])
  })
})
