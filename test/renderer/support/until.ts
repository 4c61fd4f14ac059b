import { expect } from 'vitest'

/**
 * Waits for a condition on the page's state or DOM (polled every 10 ms, up to 3 s), then
 * asserts it, naming what was awaited: a wait that times out fails with that name.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  for (let round = 0; round < 300 && !condition(); round++) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  expect(condition(), what).toBe(true)
}
