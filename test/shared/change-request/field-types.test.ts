import { describe, expect, it } from 'vitest'
import { CHANGE_REQUEST_FIELDS, validateChangeRequest } from '$shared/change-request'
import { SEED_EXAMPLE, expectAccepted, expectRejected, without } from '../support/bodies'

const WHOLE_NUMBER_FIELDS = [
  ['ConnectionId', 'Connection'],
  ['ConnectionTypeId', 'Connection type'],
  ['ContactIndvId', 'Contact'],
  ['OpenCategoryId', 'Open category'],
  ['NewCallerIndvId', 'Assigned person'],
  ['NewTeamId', 'Assigned team']
] as const

const YES_NO_FIELDS = [
  ['Complete', 'Completed'],
  ['FamilyConnection', 'Family connection'],
  ['Reassign', 'Reassign']
] as const

describe('the seed example', () => {
  it('is a valid new connection', () => {
    expectAccepted(SEED_EXAMPLE)
  })
})

describe('whole-number fields', () => {
  const wrongValues: Array<[string, unknown]> = [
    ['a numeric string', '76'],
    ['a fraction', 1.5],
    ['null', null],
    ['a boolean', true],
    ['an array', [76]],
    ['an object', { id: 76 }],
    ['NaN', Number.NaN],
    ['Infinity', Number.POSITIVE_INFINITY],
    ['a number beyond the safe integers', 2 ** 53]
  ]
  describe.each(WHOLE_NUMBER_FIELDS)('%s', (field, label) => {
    it.each(wrongValues)('rejects %s, naming the field in a clerk’s words', (_, value) => {
      expectRejected({ ...SEED_EXAMPLE, [field]: value }, field, `${label} must be a whole number`)
    })
    it('is required for a new connection', () => {
      expectRejected(without(SEED_EXAMPLE, field), field, `${label} is required`)
    })
  })
})

describe('true-or-false fields', () => {
  const wrongValues: Array<[string, unknown]> = [
    ['a string', 'true'],
    ['a number', 1],
    ['null', null],
    ['zero', 0]
  ]
  describe.each(YES_NO_FIELDS)('%s', (field, label) => {
    it.each(wrongValues)('rejects %s', (_, value) => {
      expectRejected({ ...SEED_EXAMPLE, [field]: value }, field, `${label} must be true or false`)
    })
    it('is required for a new connection', () => {
      expectRejected(without(SEED_EXAMPLE, field), field, `${label} is required`)
    })
  })
})

describe('text fields', () => {
  it.each([[6052015], [null], [['06/05/2015']]])('ConnectionDate rejects %j', (value) => {
    expectRejected(
      { ...SEED_EXAMPLE, ConnectionDate: value },
      'ConnectionDate',
      'Connection date must be a real date written MM/DD/YYYY'
    )
  })
  it.each([[null], [42], [['Test']]])('Comment rejects %j', (value) => {
    expectRejected(
      { ...SEED_EXAMPLE, Comment: value },
      'Comment',
      'Comment must be text (it may be empty)'
    )
  })
  it('ConnectionDate and Comment are required', () => {
    expectRejected(
      without(SEED_EXAMPLE, 'ConnectionDate'),
      'ConnectionDate',
      'Connection date is required'
    )
    expectRejected(without(SEED_EXAMPLE, 'Comment'), 'Comment', 'Comment is required')
  })
  it('an empty comment is accepted: it must be present, not filled in', () => {
    expectAccepted({ ...SEED_EXAMPLE, Comment: '' })
  })
})

describe('ConnectionId values', () => {
  it.each([[-1], [1], [4711], [2 ** 31 - 1]])('accepts %d', (id) => {
    const body = id === -1 ? SEED_EXAMPLE : { ...SEED_EXAMPLE, ConnectionId: id, NewTeamId: -1 }
    expectAccepted(body)
  })
  it.each([[0], [-2], [-76]])('rejects %d: neither -1 nor an existing id', (id) => {
    expectRejected(
      { ...SEED_EXAMPLE, ConnectionId: id },
      'ConnectionId',
      'Connection must be an existing connection id, or -1 for a new connection'
    )
  })
})

describe('positive ids', () => {
  it.each([
    ['ConnectionTypeId', 'Connection type'],
    ['ContactIndvId', 'Contact']
  ])('%s must be positive', (field, label) => {
    for (const value of [0, -1, -5]) {
      expectRejected({ ...SEED_EXAMPLE, [field]: value }, field, `${label} must be a positive id`)
    }
  })
  it.each([
    ['NewCallerIndvId', 'Assigned person must be a positive id, or -1 for no person'],
    ['NewTeamId', 'Assigned team must be a positive id, or -1 for no team']
  ])('%s is a positive id or -1', (field, message) => {
    for (const value of [0, -2]) expectRejected({ ...SEED_EXAMPLE, [field]: value }, field, message)
  })
})

describe('OpenCategoryId', () => {
  it('must be 1: the service ignores it, the seed says always send 1', () => {
    expectAccepted({ ...SEED_EXAMPLE, OpenCategoryId: 1 })
    for (const value of [0, 2, -1]) {
      expectRejected(
        { ...SEED_EXAMPLE, OpenCategoryId: value },
        'OpenCategoryId',
        'Open category must be 1'
      )
    }
  })
})

describe('the body as a whole', () => {
  it.each([[null], [[]], ['text'], [42], [true], [undefined]])(
    'rejects %j with a request-level message',
    (value) => {
      const result = validateChangeRequest(value)
      expect(result.ok).toBe(false)
      if (!result.ok) {
        expect(Object.keys(result.errors)).toEqual(['request'])
        expect(result.message).toMatch(/JSON object/)
      }
    }
  )

  it('names every broken field at once, and says how many', () => {
    const result = validateChangeRequest({ ...SEED_EXAMPLE, ContactIndvId: '76', Comment: null })
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(Object.keys(result.errors).sort()).toEqual(['Comment', 'ContactIndvId'])
      expect(result.message).toBe('The change request has problems in 2 fields.')
    }
  })

  it('an empty object is missing all twelve fields', () => {
    const result = validateChangeRequest({})
    expect(result.ok).toBe(false)
    // Without a ConnectionId the operation is unknown, so the eight common fields are named.
    if (!result.ok) expect(Object.keys(result.errors)).toHaveLength(8)
  })

  it('ignores fields the contract does not know, and does not pass them on', () => {
    const result = validateChangeRequest({ ...SEED_EXAMPLE, Individual_ID: 76 })
    expect(result.ok && Object.keys(result.value)).toEqual([...CHANGE_REQUEST_FIELDS])
  })
})
