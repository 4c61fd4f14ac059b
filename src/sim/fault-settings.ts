import * as z from 'zod'
import { PRACTICE_USERS } from './practice-users'

const knownUsernames = PRACTICE_USERS.map((user) => user.username)
const knownUserMessage = `must be one of the practice users: ${knownUsernames.join(', ')}`
const knownUser = z.string().refine((name) => knownUsernames.includes(name), {
  error: knownUserMessage
})

const rate = z
  .number({ error: 'rate must be a number from 0 to 1' })
  .min(0, { error: 'rate must be a number from 0 to 1' })
  .max(1, { error: 'rate must be a number from 0 to 1' })
  .default(1)

/** Which requests a rule may hit: change requests are POST .../connections. */
export const faultScopeSchema = z.enum(['change-requests', 'lookups', 'all'])

const common = {
  rate,
  times: z.int({ error: 'times must be a whole number of at least 1' }).positive().optional(),
  scope: faultScopeSchema.default('change-requests')
}

export const MALFORMED_BODIES = ['html', 'truncated-json', 'junk', 'no-id', 'huge'] as const

export const faultRuleSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('status'),
      status: z.int().min(400, { error: 'status must be from 400 to 599' }).max(599, {
        error: 'status must be from 400 to 599'
      }),
      ...common
    }),
    z.strictObject({
      kind: z.literal('retry-after'),
      status: z.union([z.literal(429), z.literal(503)], { error: 'status must be 429 or 503' }),
      /** Seconds, or "http-date" for an HTTP date two seconds ahead. */
      retryAfter: z
        .union([z.int().nonnegative(), z.literal('http-date')], {
          error: 'retryAfter must be a whole number of seconds or "http-date"'
        })
        .default(1),
      ...common
    }),
    z.strictObject({ kind: z.literal('drop-before'), ...common }),
    z.strictObject({ kind: z.literal('drop-after'), ...common }),
    z.strictObject({
      kind: z.literal('malformed'),
      body: z.enum(MALFORMED_BODIES, {
        error: `body must be one of ${MALFORMED_BODIES.join(', ')}`
      }),
      ...common
    })
  ],
  { error: 'kind must be status, retry-after, drop-before, drop-after or malformed' }
)
export type FaultRule = z.infer<typeof faultRuleSchema>

const latencyMs = z.union(
  [
    z.int().min(0).max(60_000),
    z
      .strictObject({ min: z.int().min(0).max(60_000), max: z.int().min(0).max(60_000) })
      .refine((range) => range.min <= range.max, { error: 'min must not exceed max' })
  ],
  { error: 'latencyMs must be milliseconds (0 to 60000) or {"min": ms, "max": ms}' }
)

/** The body of `POST /_sim/faults`; every field may be left out. */
export const faultSettingsSchema = z.strictObject({
  latencyMs: latencyMs.optional(),
  rules: z.array(faultRuleSchema).default([]),
  revokedUsers: z.array(knownUser).default([]),
  passwords: z
    .record(z.string(), z.string().min(1, { error: 'a password may not be empty' }))
    .superRefine((passwords, ctx) => {
      for (const name of Object.keys(passwords)) {
        if (!knownUsernames.includes(name)) {
          ctx.addIssue({ code: 'custom', path: [name], message: knownUserMessage })
        }
      }
    })
    .default({}),
  honourIdempotency: z.boolean().default(true),
  seed: z.int().default(1)
})
export type FaultSettings = z.infer<typeof faultSettingsSchema>

export const NO_FAULTS: FaultSettings = faultSettingsSchema.parse({})
