import { parseArgs } from 'node:util'
import type { PracticeSiteOptions } from './practice-site'
import { MAX_PEOPLE } from './practice-site'

export const USAGE =
  'Usage: npm run sim -- [--port N] [--seed N] [--people N] [--state FILE] [--control]\n' +
  '                     [--approve-after SECONDS]\n' +
  '  --port N     port on 127.0.0.1 (default 0: any free port)\n' +
  '  --seed N     which generated church (default 1)\n' +
  `  --people N   how many individuals, 1 to ${MAX_PEOPLE.toLocaleString('en-US')} (default 2,000)\n` +
  '  --state FILE keep the change-request log in FILE across restarts\n' +
  '  --control    mount the /_sim/* control endpoints (fault injection, reset, the log,\n' +
  '               approve and reject)\n' +
  '  --approve-after SECONDS  approve each change request that has waited SECONDS\n' +
  '               (default: they wait for POST /_sim/approve)'

export type CliCommand =
  | { kind: 'serve'; options: PracticeSiteOptions }
  | { kind: 'help' }
  | { kind: 'invalid'; message: string }

/** Reads the simulator's command line; a mistake is a message, never a throw. */
export function parseCliArgs(args: readonly string[]): CliCommand {
  let values: Record<string, string | boolean | undefined>
  try {
    values = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        seed: { type: 'string' },
        people: { type: 'string' },
        state: { type: 'string' },
        control: { type: 'boolean' },
        'approve-after': { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      }
    }).values
  } catch (error) {
    return { kind: 'invalid', message: (error as Error).message }
  }
  if (values.help) return { kind: 'help' }

  const options: PracticeSiteOptions = {}
  const numbers = [
    ['port', 0, 65_535],
    ['seed', -(2 ** 31), 2 ** 32 - 1],
    ['people', 1, MAX_PEOPLE]
  ] as const
  for (const [name, min, max] of numbers) {
    const text = values[name]
    if (typeof text !== 'string') continue
    const value = /^-?\d+$/.test(text) ? Number(text) : Number.NaN
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      return {
        kind: 'invalid',
        message: `--${name} must be a whole number from ${min} to ${max}, not "${text}".`
      }
    }
    options[name] = value
  }
  if (typeof values.state === 'string') {
    if (values.state.trim() === '')
      return { kind: 'invalid', message: '--state needs a file name.' }
    options.statePath = values.state
  }
  if (values.control) options.controlRoutes = true
  const approveAfter = values['approve-after']
  if (typeof approveAfter === 'string') {
    const seconds = /^\d+$/.test(approveAfter) ? Number(approveAfter) : Number.NaN
    if (!Number.isSafeInteger(seconds) || seconds > 31_536_000) {
      return {
        kind: 'invalid',
        message: `--approve-after must be a whole number of seconds from 0 to 31536000, not "${approveAfter}".`
      }
    }
    options.approveAfterSeconds = seconds
  }
  return { kind: 'serve', options }
}
