import { HarnessError } from '../harness-error'

/**
 * A count from the environment (CHAOS_ITEMS=2000, say), or the CI default. The full runs
 * set these; a value that is not a positive whole number stops the run with its name.
 */
export function envCount(name: string, fallback: number): number {
  const text = process.env[name]
  if (text === undefined || text.trim() === '') return fallback
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new HarnessError(`${name} must be a whole number of at least 0, not "${text}"`)
  }
  return value
}
