import fc from 'fast-check'
import {
  buildComplete,
  buildKeepOpen,
  buildNewConnection,
  buildReassign,
  COMMENT_MAX_LENGTH,
  formatConnectionDate,
  type Assignee,
  type BuildResult,
  type ExistingConnectionResult,
  type NewConnectionInput,
  type ReassignInput
} from '$shared/change-request'

const MAX_ID = 2 ** 31 - 1
export const positiveId = fc.integer({ min: 1, max: MAX_ID })

/** Any real calendar day from year 1 to 9999, written MM/DD/YYYY. */
export const connectionDate = fc
  .record({
    year: fc.integer({ min: 1, max: 9999 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 31 })
  })
  .map(({ year, month, day }) => {
    const last = new Date(0)
    last.setUTCFullYear(year, month, 0)
    return formatConnectionDate({ year, month, day: Math.min(day, last.getUTCDate()) })
  })

/** Comments up to the limit, counted in characters: any code point, emoji included. */
export const comment = fc.oneof(
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ minLength: COMMENT_MAX_LENGTH - 5, maxLength: COMMENT_MAX_LENGTH, unit: 'binary' }),
  fc.constant('🙏'.repeat(COMMENT_MAX_LENGTH)),
  fc.constant('')
)

/** Where the ids come from: anything positive (the schema's view) or a real church. */
export interface IdSources {
  /** A connection type and a choice of its responses (possibly none). */
  typeAndResponses: fc.Arbitrary<{ typeId: number; responseIds: number[] }>
  person: fc.Arbitrary<number>
  team: fc.Arbitrary<number>
  /** An open connection and a choice of responses of its type. */
  openConnection: fc.Arbitrary<{
    connectionId: number
    typeId: number
    contactIndvId: number
    familyConnection: boolean
    responseIds: number[]
  }>
}

export const ANY_IDS: IdSources = {
  typeAndResponses: fc.record({
    typeId: positiveId,
    responseIds: fc.uniqueArray(positiveId, { maxLength: 6 })
  }),
  person: positiveId,
  team: positiveId,
  openConnection: fc.record({
    connectionId: positiveId,
    typeId: positiveId,
    contactIndvId: positiveId,
    familyConnection: fc.boolean(),
    responseIds: fc.uniqueArray(positiveId, { maxLength: 6 })
  })
}

export type BuilderCall =
  | { operation: 'new'; input: NewConnectionInput }
  | { operation: 'complete' | 'keep-open'; input: ExistingConnectionResult }
  | { operation: 'reassign'; input: ReassignInput }

function assignee(ids: IdSources): fc.Arbitrary<Assignee> {
  return fc.oneof(
    ids.person.map((indvId) => ({ kind: 'person', indvId }) as const),
    ids.team.map((teamId) => ({ kind: 'team', teamId }) as const)
  )
}

function existingResult(ids: IdSources): fc.Arbitrary<ExistingConnectionResult> {
  return fc
    .record({
      connection: ids.openConnection,
      date: connectionDate,
      comment,
      detailsCached: fc.boolean()
    })
    .map(({ connection, date, comment, detailsCached }) => ({
      connectionId: connection.connectionId,
      date,
      comment,
      responseIds: connection.responseIds,
      // The app may or may not have the connection's details cached.
      ...(detailsCached && {
        connection: {
          connectionTypeId: connection.typeId,
          contactIndvId: connection.contactIndvId,
          familyConnection: connection.familyConnection
        }
      })
    }))
}

/** One call of one of the four builders, with valid inputs. */
export function builderCall(ids: IdSources = ANY_IDS): fc.Arbitrary<BuilderCall> {
  const newConnection = fc
    .record({
      type: ids.typeAndResponses,
      contactIndvId: ids.person,
      familyConnection: fc.boolean(),
      assignee: assignee(ids),
      complete: fc.boolean(),
      date: connectionDate,
      comment
    })
    .map(({ type, ...rest }) => ({
      operation: 'new' as const,
      input: { ...rest, connectionTypeId: type.typeId, responseIds: type.responseIds }
    }))
  return fc.oneof(
    newConnection,
    existingResult(ids).map((input) => ({ operation: 'complete' as const, input })),
    existingResult(ids).map((input) => ({ operation: 'keep-open' as const, input })),
    fc
      .tuple(existingResult(ids), assignee(ids))
      .map(([input, to]) => ({ operation: 'reassign' as const, input: { ...input, assignee: to } }))
  )
}

export function build(call: BuilderCall): BuildResult {
  switch (call.operation) {
    case 'new':
      return buildNewConnection(call.input)
    case 'complete':
      return buildComplete(call.input)
    case 'keep-open':
      return buildKeepOpen(call.input)
    case 'reassign':
      return buildReassign(call.input)
  }
}
