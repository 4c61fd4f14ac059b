import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { describe, expect, it } from 'vitest'
import { parseCliArgs } from '../../src/sim/cli-args'
import { basicAuth } from './support/site-client'

const ROOT = resolve(import.meta.dirname, '../..')
const LISTENING =
  /^ACS simulator listening on (http:\/\/127\.0\.0\.1:(\d+)\/api_accessacs_mobile\/v2)$/

/** `npx tsx src/sim/cli.ts ...` in its own process group, as a terminal would run it. */
function runWithNpx(args: string[]): ChildProcessWithoutNullStreams {
  // npx must find the same Node that runs the tests.
  const path = `${dirname(process.execPath)}:${process.env.PATH ?? ''}`
  return spawn('npx', ['tsx', 'src/sim/cli.ts', ...args], {
    cwd: ROOT,
    env: { ...process.env, PATH: path },
    detached: true
  })
}

/** tsx directly, so the simulator's own exit code reaches the test (npm exec hides it). */
/**
 * Node with tsx as a loader, not tsx's own CLI: that CLI relays a signal to its child and,
 * when the child's answer takes over 30 ms (a loaded machine), kills it and exits 130 itself,
 * which would test tsx rather than the simulator.
 */
function runWithTsx(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ['--import', 'tsx', 'src/sim/cli.ts', ...args], { cwd: ROOT })
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((done) => child.once('exit', (code) => done(code)))
}

function collect(stream: NodeJS.ReadableStream): { text: string } {
  const sink = { text: '' }
  stream.on('data', (chunk: Buffer) => (sink.text += chunk.toString()))
  return sink
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout })
  for await (const line of lines) return line
  throw new Error('the simulator printed nothing')
}

async function listeningBase(child: ChildProcessWithoutNullStreams): Promise<string> {
  const line = await firstLine(child)
  const match = LISTENING.exec(line)
  if (!match?.[1]) throw new Error(`unexpected first line: ${line}`)
  return match[1]
}

async function typesStatus(base: string): Promise<number> {
  const response = await fetch(`${base}/12345/types/connections`, {
    headers: { Authorization: basicAuth('jadams', 'password231') }
  })
  await response.body?.cancel()
  return response.status
}

describe('npm run sim (src/sim/cli.ts)', () => {
  it.concurrent('npx tsx: prints the listening line, serves, and stops on SIGTERM', async () => {
    const child = runWithNpx(['--port', '0', '--seed', '3', '--people', '120'])
    const exited = exitOf(child)
    const stderr = collect(child.stderr)
    // Never 0: process.kill(-0) would signal the test runner's own group.
    if (!child.pid) throw new Error('npx did not start')
    const group = -child.pid
    const started = listeningBase(child)
    try {
      const base = await started
      const response = await fetch(`${base}/12345/individuals?q=%25&pageSize=500`, {
        headers: { Authorization: basicAuth('jadams', 'password231') }
      })
      expect(response.status).toBe(200)
      expect(((await response.json()) as { Page: unknown[] }).Page).toHaveLength(120)
    } finally {
      // The whole group, as Ctrl-C or a service manager would: npm, tsx and the simulator.
      process.kill(group, 'SIGTERM')
    }
    await exited
    expect(stderr.text).toBe('')
    await expect(typesStatus(await started)).rejects.toThrow(TypeError)
  })

  it.concurrent('exits with code 0 after SIGINT or SIGTERM, having closed', async () => {
    const stopWith = async (signal: NodeJS.Signals): Promise<void> => {
      const child = runWithTsx(['--port', '0'])
      const exited = exitOf(child)
      const stderr = collect(child.stderr)
      try {
        const base = await listeningBase(child)
        expect(await typesStatus(base)).toBe(200)
      } finally {
        child.kill(signal)
      }
      expect(await exited).toBe(0)
      expect(stderr.text).toBe('')
    }
    await Promise.all([stopWith('SIGINT'), stopWith('SIGTERM')])
  })

  it.concurrent('bad flags: a clear message and exit code 2', async () => {
    const child = runWithTsx(['--port', 'eighty'])
    const stderr = collect(child.stderr)
    expect(await exitOf(child)).toBe(2)
    expect(stderr.text).toContain('--port must be a whole number')
    expect(stderr.text).toContain('Usage: npm run sim')
  })
})

describe('parseCliArgs', () => {
  it('reads every flag, in both spellings', () => {
    expect(parseCliArgs([])).toEqual({ kind: 'serve', options: {} })
    expect(
      parseCliArgs(['--port', '8080', '--seed=7', '--people', '50000', '--state', 'state.json'])
    ).toEqual({
      kind: 'serve',
      options: { port: 8080, seed: 7, people: 50000, statePath: 'state.json' }
    })
    expect(parseCliArgs(['--seed=-3'])).toEqual({ kind: 'serve', options: { seed: -3 } })
    // The control endpoints only when asked for: the app's own site never mounts them.
    expect(parseCliArgs(['--control'])).toEqual({
      kind: 'serve',
      options: { controlRoutes: true }
    })
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' })
  })

  it.each([
    [['--port', '65536'], '--port'],
    [['--port', '-1'], '--port'],
    [['--port', '1.5'], '--port'],
    [['--people', '0'], '--people'],
    [['--people', '1e3'], '--people'],
    [['--seed', 'abc'], '--seed'],
    [['--state', ''], '--state'],
    [['--state'], 'state'],
    [['--control=yes'], 'control'],
    [['--colour', 'red'], 'colour'],
    [['serve'], 'serve']
  ])('%j is refused, naming %s', (args, name) => {
    const command = parseCliArgs(args)
    expect(command.kind).toBe('invalid')
    if (command.kind === 'invalid') expect(command.message).toContain(name)
  })
})
