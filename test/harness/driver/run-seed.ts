import { randomInt } from 'node:crypto'
import { HarnessError } from '../harness-error'

/**
 * The seed of a randomized suite: from the environment to replay a failure, else a new one.
 * Suites print it (in their title and their counts) so any failure can be replayed.
 */
export function runSeed(name: string): number {
  const text = process.env[name]
  if (text === undefined || text.trim() === '') return randomInt(1, 2 ** 31)
  const seed = Number(text)
  if (!Number.isSafeInteger(seed)) {
    throw new HarnessError(
      `${name} must be a whole number (a seed printed by a run), not "${text}"`
    )
  }
  return seed
}
