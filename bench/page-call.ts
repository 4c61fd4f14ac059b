import type { Page } from 'playwright'
import type * as z from 'zod'
import { invalidPayloadError } from '../src/shared/bridge/invalid-payload'

/**
 * Calls a function a bench page put on globalThis and parses its answer: what comes back
 * from a page is outside data like any other. The function given to evaluate is a single
 * expression, as the harness's README asks.
 */
export async function callPage<S extends z.ZodType>(
  page: Page,
  target: { global: string; name: string },
  args: unknown,
  schema: S
): Promise<z.output<S>> {
  const raw: unknown = await page.evaluate(
    ([global, name, payload]) =>
      (globalThis as unknown as Record<string, Record<string, (value: unknown) => unknown>>)[
        global
      ]![name]!(payload),
    [target.global, target.name, args] as const
  )
  return parseOutside(schema, raw, `The answer of ${target.name}`)
}

/** zod's verdict on outside data, as the bridge's typed error naming each failing path. */
export function parseOutside<S extends z.ZodType>(
  schema: S,
  value: unknown,
  subject: string
): z.output<S> {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw invalidPayloadError(parsed.error, subject)
  return parsed.data
}
