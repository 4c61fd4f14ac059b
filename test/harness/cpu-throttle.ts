import type { Page } from 'playwright'
import { HarnessError } from './harness-error'

/**
 * `DESK_HARNESS_CPU_THROTTLE=4` slows the page's CPU fourfold through the DevTools protocol
 * (`Emulation.setCPUThrottlingRate`), the way an old office PC runs the app: races between a
 * test's reads and the page's rendering show up here first. Unset or 1 leaves the page alone.
 */
export const CPU_THROTTLE_VARIABLE = 'DESK_HARNESS_CPU_THROTTLE'

export function cpuThrottleRate(environment: NodeJS.ProcessEnv = process.env): number {
  const text = environment[CPU_THROTTLE_VARIABLE]
  if (text === undefined || text === '') return 1
  const rate = Number(text)
  if (!Number.isFinite(rate) || rate < 1) {
    throw new HarnessError(`${CPU_THROTTLE_VARIABLE} must be a number of 1 or more, not "${text}"`)
  }
  return rate
}

export async function throttlePageCpu(page: Page, rate = cpuThrottleRate()): Promise<void> {
  if (rate === 1) return
  const session = await page.context().newCDPSession(page)
  await session.send('Emulation.setCPUThrottlingRate', { rate })
}
