import * as z from 'zod'
import { rebuildError, serializeError, type SerializedError } from '../errors'

export const serializedErrorSchema = z.object({
  name: z.string(),
  message: z.string(),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional()
})

export const envelopeSchema = z.discriminatedUnion('ok', [
  // Optional: a JSON transport (the browser harness) drops a result that is undefined.
  z.object({ ok: z.literal(true), result: z.unknown().optional() }),
  z.object({ ok: z.literal(false), error: serializedErrorSchema })
])

export type Envelope<T> = { ok: true; result: T } | { ok: false; error: SerializedError }

export function success<T>(result: T): Envelope<T> {
  return { ok: true, result }
}

export function failure(error: unknown): Envelope<never> {
  return { ok: false, error: serializeError(error) }
}

/** Unwraps an envelope from the other side: the result, or the rebuilt typed error. */
export function unwrap(raw: unknown): unknown {
  const parsed = envelopeSchema.safeParse(raw)
  if (!parsed.success)
    throw rebuildError({
      name: 'UnexpectedAnswerError',
      message: 'The app’s main process answered in a form the page does not understand'
    })
  if (parsed.data.ok) return parsed.data.result
  throw rebuildError(parsed.data.error)
}
