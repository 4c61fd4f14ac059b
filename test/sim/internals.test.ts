import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CoalescingFileWriter } from '../../src/sim/coalescing-file-writer'
import { canonicalJson } from '../../src/sim/canonical-json'
import { isLoopback } from '../../src/sim/control-routes'
import { mulberry32 } from '../../src/sim/prng'

describe('isLoopback (who may use /_sim)', () => {
  it.each(['127.0.0.1', '127.1.2.3', '::1', '::ffff:127.0.0.1'])('%s is loopback', (address) => {
    expect(isLoopback(address)).toBe(true)
  })
  it.each(['10.0.0.1', '192.168.1.5', '::ffff:10.0.0.1', 'fe80::1', '128.0.0.1', '', undefined])(
    '%s is not',
    (address) => {
      expect(isLoopback(address)).toBe(false)
    }
  )
})

describe('canonicalJson', () => {
  it('ignores key order at every depth, and keeps array order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 })
    )
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]))
  })

  it('is JSON that parses back to the same value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(JSON.parse(canonicalJson(value))).toEqual(JSON.parse(JSON.stringify(value)))
      })
    )
  })
})

describe('mulberry32', () => {
  it('repeats for a seed, stays in [0, 1), and differs between seeds', () => {
    const draw = (seed: number) => Array.from({ length: 100 }, mulberry32(seed))
    expect(draw(1)).toEqual(draw(1))
    expect(draw(1)).not.toEqual(draw(2))
    expect(draw(3).every((value) => value >= 0 && value < 1)).toBe(true)
  })
})

describe('CoalescingFileWriter', () => {
  it('folds a burst into few writes, and the last write holds the latest state', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'coalescing-'))
    try {
      const path = join(folder, 'file.json')
      let version = 0
      let snapshots = 0
      const writer = new CoalescingFileWriter(
        path,
        () => {
          snapshots++
          return JSON.stringify({ version })
        },
        (error) => {
          throw error
        }
      )
      for (let change = 0; change < 100; change++) {
        version++
        writer.schedule()
      }
      await writer.flush()
      expect(JSON.parse(await readFile(path, 'utf8'))).toEqual({ version: 100 })
      expect(snapshots).toBeLessThanOrEqual(2)
      expect(await readdir(folder)).toEqual(['file.json'])
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('reports a failed write, and flush rethrows it', async () => {
    const failures: unknown[] = []
    // A folder that cannot exist: its parent is a file.
    const folder = await mkdtemp(join(tmpdir(), 'coalescing-'))
    await writeFile(join(folder, 'not-a-folder'), '')
    const writer = new CoalescingFileWriter(
      join(folder, 'not-a-folder', 'file.json'),
      () => '{}',
      (error) => failures.push(error)
    )
    writer.schedule()
    await expect(writer.flush()).rejects.toThrow(/ENOTDIR|EEXIST/)
    expect(failures).toHaveLength(1)
  })
})
