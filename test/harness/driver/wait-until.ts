import { setTimeout as sleep } from 'node:timers/promises'
import { HarnessError } from '../harness-error'

export interface WaitOptions {
  timeoutMs: number
  /** Between checks; default 250 ms. */
  intervalMs?: number
}

/**
 * Checks until `check` gives a value (anything but undefined), polling: the suites wait on
 * the app's own timers and backoff, which a test cannot hurry. On timeout the error says
 * what was awaited and what the last check saw (`describe`).
 */
export async function waitUntil<T>(
  what: string,
  check: () => Promise<T | undefined>,
  options: WaitOptions & { describe?: () => Promise<string> }
): Promise<T> {
  const deadline = Date.now() + options.timeoutMs
  for (;;) {
    const value = await check()
    if (value !== undefined) return value
    if (Date.now() >= deadline) {
      const seen = options.describe ? `; last seen: ${await options.describe()}` : ''
      throw new HarnessError(`Gave up after ${options.timeoutMs} ms waiting until ${what}${seen}`)
    }
    await sleep(options.intervalMs ?? 250)
  }
}
