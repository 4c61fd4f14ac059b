import { expect } from 'vitest'

/**
 * Waits for a condition on the page's state or DOM (polled every 10 ms, up to 10 s, the
 * browser project's poll budget), then asserts it, naming what was awaited: a wait that
 * times out fails with that name.
 */
export async function until(condition: () => boolean, what: string): Promise<void> {
  const deadline = performance.now() + 10_000
  while (!condition() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  expect(condition(), what).toBe(true)
}
