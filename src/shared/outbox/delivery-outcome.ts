import * as z from 'zod'

/**
 * What one delivery attempt of one outbox item came to, as the API client classifies it.
 * The state machine (outbox-transitions.ts) turns each kind into the item's next state.
 */
export const deliveryOutcomeSchema = z.discriminatedUnion('kind', [
  /** 200 with a change-request id. */
  z.object({
    kind: z.literal('accepted'),
    connectionCRId: z.int().positive(),
    status: z.int(),
    /**
     * The service says it honours Idempotency-Key (the practice site answers with an
     * `Idempotent-Replayed` header): an earlier lost answer cannot have made a second record.
     */
    idempotencyHonoured: z.boolean()
  }),
  /** 400/403/404/409/413/422: the service refused this item; a person must look at it. */
  z.object({
    kind: z.literal('rejected'),
    status: z.int(),
    message: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string()))
  }),
  /** 200 (or another 2xx) whose body carries no id: never counted as sent. */
  z.object({ kind: z.literal('unexpected-answer'), status: z.int(), message: z.string() }),
  /** 429, 5xx, or a failure before the request was written: try again later. */
  z.object({
    kind: z.literal('retryable'),
    status: z.int().optional(),
    message: z.string(),
    /** From `Retry-After`, already turned into milliseconds from now. */
    retryAfterMs: z.number().nonnegative().optional()
  }),
  /** The request was written but no answer came: it may have arrived. */
  z.object({ kind: z.literal('no-answer'), message: z.string() }),
  /** 401: the credentials no longer work. The queue pauses; no attempt is counted. */
  z.object({ kind: z.literal('unauthorized'), message: z.string() }),
  /** The batch stopped (paused by a 401, or no credentials) before this item was tried. */
  z.object({ kind: z.literal('not-attempted'), message: z.string() })
])

export type DeliveryOutcome = z.infer<typeof deliveryOutcomeSchema>
export type DeliveryOutcomeKind = DeliveryOutcome['kind']
