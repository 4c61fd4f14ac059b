import { describe, expect, it } from 'vitest'
import {
  FIELDS_REQUIRED_FOR_EXISTING,
  CHANGE_REQUEST_FIELDS,
  operationOf,
  validateChangeRequest
} from '$shared/change-request'
import {
  COMPLETE,
  KEEP_OPEN,
  REASSIGN,
  SEED_EXAMPLE,
  expectAccepted,
  expectRejected,
  without
} from '../support/bodies'

const BOTH_MESSAGE = 'Choose a person or a team to make the contact, not both'
const EXISTING_ONLY = CHANGE_REQUEST_FIELDS.filter((f) => !FIELDS_REQUIRED_FOR_EXISTING.includes(f))

describe('the four operations (CONTRACT.md section 1)', () => {
  it.each([
    ['new connection, made by a team', SEED_EXAMPLE, 'new'],
    [
      'new connection, made by a person',
      { ...SEED_EXAMPLE, NewCallerIndvId: 76, NewTeamId: -1 },
      'new'
    ],
    ['new connection, already completed', { ...SEED_EXAMPLE, Complete: true }, 'new'],
    ['complete', COMPLETE, 'complete'],
    ['keep open', KEEP_OPEN, 'keep-open'],
    ['reassign to a person', REASSIGN, 'reassign'],
    ['reassign to a team', { ...REASSIGN, NewCallerIndvId: -1, NewTeamId: 3 }, 'reassign']
  ])('accepts %s', (_, body, operation) => {
    expectAccepted(body)
    expect(operationOf(body)).toBe(operation)
  })

  it.each([
    ['complete', COMPLETE],
    ['keep open', KEEP_OPEN],
    ['reassign', REASSIGN]
  ])('%s also accepts the fields it does not require (the client sends all twelve)', (_, body) => {
    expectAccepted({
      ...body,
      ConnectionTypeId: 2,
      FamilyConnection: true,
      ContactIndvId: 76,
      OpenCategoryId: 1
    })
  })

  describe.each([
    ['complete', COMPLETE],
    ['keep open', KEEP_OPEN],
    ['reassign', REASSIGN]
  ])('%s', (_, body) => {
    it.each(FIELDS_REQUIRED_FOR_EXISTING.map((field) => [field]))('requires %s', (field) => {
      expectRejected(without(body, field), field)
    })
    it.each(EXISTING_ONLY.map((field) => [field]))('does not require %s', (field) => {
      expect(Object.hasOwn(body, field)).toBe(false)
      expectAccepted(body)
    })
  })

  it.each(CHANGE_REQUEST_FIELDS.map((field) => [field]))(
    'a new connection requires %s',
    (field) => {
      expectRejected(without(SEED_EXAMPLE, field), field)
    }
  )
})

describe('rules invalid in every case', () => {
  it('Complete and Reassign both true', () => {
    expectRejected(
      { ...REASSIGN, Complete: true },
      'Reassign',
      'A connection cannot be completed and reassigned at once'
    )
    expectRejected(
      { ...SEED_EXAMPLE, Complete: true, Reassign: true },
      'Reassign',
      'A connection cannot be completed and reassigned at once'
    )
  })

  it('a new connection cannot be reassigned', () => {
    expectRejected(
      { ...SEED_EXAMPLE, Reassign: true },
      'Reassign',
      'A new connection cannot be reassigned; choose who makes it'
    )
  })

  it.each([
    ['both -1', -1, -1, 'A new connection needs a person or a team to make the contact'],
    ['both positive', 76, 1, BOTH_MESSAGE]
  ])('a new connection whose assignees are %s', (_, caller, team, message) => {
    const errors = expectRejected(
      { ...SEED_EXAMPLE, NewCallerIndvId: caller, NewTeamId: team },
      'NewCallerIndvId',
      message
    )
    expect(errors.NewTeamId).toContain(message)
  })

  it.each([
    ['both -1', -1, -1, 'A reassigned connection needs a person or a team to make the contact'],
    ['both positive', 76, 1, BOTH_MESSAGE]
  ])('a reassignment whose assignees are %s', (_, caller, team, message) => {
    const errors = expectRejected(
      { ...REASSIGN, NewCallerIndvId: caller, NewTeamId: team },
      'NewTeamId',
      message
    )
    expect(errors.NewCallerIndvId).toContain(message)
  })

  it.each([
    ['complete', COMPLETE],
    ['keep open', KEEP_OPEN]
  ])('%s with an assignee other than -1', (_, body) => {
    const message =
      'Only a reassignment or a new connection names who makes the contact; use -1 here'
    expectRejected({ ...body, NewCallerIndvId: 76 }, 'NewCallerIndvId', message)
    expectRejected({ ...body, NewTeamId: 1 }, 'NewTeamId', message)
    const both = expectRejected(
      { ...body, NewCallerIndvId: 76, NewTeamId: 1 },
      'NewTeamId',
      message
    )
    expect(both.NewCallerIndvId).toContain(message)
  })

  it('a cross-field rule is still reported when another field is malformed', () => {
    const result = validateChangeRequest({ ...REASSIGN, Complete: true, Comment: 7 })
    expect(result.ok).toBe(false)
    if (!result.ok) expect(Object.keys(result.errors).sort()).toEqual(['Comment', 'Reassign'])
  })
})
