import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CHANGE_REQUEST_FIELDS, validateChangeRequest } from '$shared/change-request'
import { build, builderCall } from '../support/arbitraries'
import { contractAccepts } from '../support/contract-model'

const ERROR_KEYS = new Set<string>([...CHANGE_REQUEST_FIELDS, 'request'])

/** Values near every rule's edge, plus anything JSON can carry. */
const suspiciousValue = fc.oneof(
  fc.constantFrom(
    -1,
    0,
    1,
    2,
    -2,
    1.5,
    -0.5,
    2 ** 53,
    '76',
    '-1',
    '',
    'true',
    null,
    true,
    false,
    [],
    [-1],
    [-1, 3],
    [3, 3],
    [0],
    [1, 2],
    ['1'],
    {},
    '02/29/2024',
    '02/29/2023',
    '02/30/2025',
    '2/5/2025',
    '13/01/2025',
    'x'.repeat(2001),
    '😀'.repeat(2000),
    '😀'.repeat(2001)
  ),
  fc.integer({ min: -3, max: 3 }),
  fc.integer(),
  fc.double(),
  fc.string({ maxLength: 12 }),
  fc.jsonValue({ maxDepth: 2 })
)

type Mutation =
  | { kind: 'drop'; field: string }
  | { kind: 'set'; field: string; value: unknown }
  | { kind: 'add'; field: string; value: unknown }
  | { kind: 'replace'; value: unknown }

const field = fc.constantFrom(...CHANGE_REQUEST_FIELDS)
const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  field.map((name) => ({ kind: 'drop', field: name }) as const),
  fc.record({ kind: fc.constant('set' as const), field, value: suspiciousValue }),
  fc.record({ kind: fc.constant('add' as const), field: fc.string(), value: fc.jsonValue() }),
  fc.record({ kind: fc.constant('replace' as const), value: fc.jsonValue() })
)

function mutate(body: Record<string, unknown>, steps: readonly Mutation[]): unknown {
  let current: unknown = { ...body }
  for (const step of steps) {
    if (step.kind === 'replace') {
      current = step.value
      continue
    }
    if (typeof current !== 'object' || current === null || Array.isArray(current)) continue
    const copy: Record<string, unknown> = { ...current }
    if (step.kind === 'drop') delete copy[step.field]
    else Object.defineProperty(copy, step.field, { value: step.value, enumerable: true })
    current = copy
  }
  return current
}

describe('mutated change requests', () => {
  it('are accepted exactly when the contract allows them, else named field by field', () => {
    fc.assert(
      fc.property(
        builderCall(),
        fc.array(mutation, { minLength: 1, maxLength: 3 }),
        (call, steps) => {
          const built = build(call)
          if (!built.ok) throw new Error('builder refused a valid input')
          const mutated = mutate(built.body, steps)
          const result = validateChangeRequest(mutated)
          expect(result.ok).toBe(contractAccepts(mutated))
          if (result.ok) return
          expect(result.message).not.toBe('')
          const entries = Object.entries(result.errors)
          expect(entries.length).toBeGreaterThan(0)
          for (const [key, messages] of entries) {
            expect(ERROR_KEYS.has(key), `unexpected error key ${key}`).toBe(true)
            expect(messages?.length).toBeGreaterThan(0)
            for (const message of messages ?? []) {
              expect(typeof message).toBe('string')
              expect(message.trim()).not.toBe('')
            }
          }
        }
      ),
      { numRuns: 1500 }
    )
  })

  it('any JSON value at all is judged, never thrown on', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateChangeRequest(value)
        expect(result.ok).toBe(contractAccepts(value))
      }),
      { numRuns: 500 }
    )
  })
})
