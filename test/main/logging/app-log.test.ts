import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createAppLog } from '$main/logging/app-log'
import { routeConsoleToLog } from '$main/logging/route-console'

let folder: string

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'app-log-'))
})

afterEach(async () => {
  await rm(folder, { recursive: true, force: true })
})

async function written(): Promise<string> {
  return readFile(join(folder, 'main.log'), 'utf8')
}

describe('the app log', () => {
  it('writes lines at or above its level, each with its level', async () => {
    const log = createAppLog({ directory: folder, level: 'info' })
    log.debug('a debug line')
    log.info('delivery: wake (start)')
    log.warn('delivery: paused')
    log.error('it broke')
    const text = await written()
    expect(text).not.toContain('a debug line')
    expect(text).toMatch(/\[info\] +delivery: wake \(start\)/)
    expect(text).toMatch(/\[warn\] +delivery: paused/)
    expect(text).toMatch(/\[error\] +it broke/)
  })

  it('redacts every line, errors and objects included, before it is written', async () => {
    const log = createAppLog({ directory: folder })
    log.addSecret('s3cret-Pass')
    const error = new Error('request failed with authorization: Basic amFkYW1zOnMzY3JldA==')
    log.error('send failed', error, { Comment: 'Ann is in hospital', password: 's3cret-Pass' })
    log.api.warn('GET /12345/individuals?q=Leeworth failed')
    log.info('typed s3cret-Pass by mistake')
    const text = await written()
    for (const secret of ['amFkYW1z', 'Ann is in hospital', 's3cret-Pass', 'Leeworth']) {
      expect(text).not.toContain(secret)
    }
    // The error's stack is kept: it is what support needs.
    expect(text).toContain('app-log.test.ts')
  })

  it('rotates a full file into numbered archives, keeping only so many', async () => {
    const log = createAppLog({ directory: folder, maxFileBytes: 2_000, keepFiles: 2 })
    for (let i = 0; i < 200; i++) log.info(`line ${i} ${'x'.repeat(80)}`)
    const names = (await readdir(folder)).sort()
    expect(names).toEqual(['main.1.log', 'main.2.log', 'main.log'])
    expect(log.files().map((path) => basename(path))).toEqual([
      'main.log',
      'main.1.log',
      'main.2.log'
    ])
    const newest = await written()
    expect(newest).toContain('line 199')
    expect(await readFile(join(folder, 'main.2.log'), 'utf8')).not.toContain('line 199')
  })

  it('takes over the console, so library and service lines are redacted and kept', async () => {
    const log = createAppLog({ directory: folder })
    const target = {
      error: console.error,
      warn: console.warn,
      info: console.info,
      log: console.log,
      debug: console.debug
    }
    const undo = routeConsoleToLog(target, log)
    target.warn('The saved password could not be read', { password: 'hunter22' })
    target.log('plain console.log line')
    undo()
    expect(target.warn).toBe(console.warn)
    const text = await written()
    expect(text).toContain('The saved password could not be read')
    expect(text).toContain('plain console.log line')
    expect(text).not.toContain('hunter22')
  })
})
