import { connectionDateOrdinal, operationOf, type ChangeRequest } from '../change-request'
import type { Connection } from '../lookups'

/**
 * What a later look at Access ACS says about one sent result. The service has no status of a
 * change request (docs/access-acs-api.md, "Knowing whether a result was applied"), so this
 * compares what the result asked for with what the connection shows now.
 *
 * - applied: the change is visible (`connectionId`: the connection that shows it).
 * - not-seen: not visible (yet): still waiting for approval, rejected, or hidden by a later change.
 * - nothing-to-see: the result changes nothing a look can show (an attempt with no comment
 *   and no responses), so it can never be confirmed.
 */
export type AppliedEvidence =
  | { kind: 'applied'; connectionId: number; why: string }
  | { kind: 'not-seen'; why: string }
  | { kind: 'nothing-to-see'; why: string }

export interface AppliedEvidenceInput {
  body: ChangeRequest
  /** A result on an existing connection: that connection as Access ACS shows it now. */
  connection?: Connection
  /** A new connection: the contact's connections as Access ACS lists them now. */
  personConnections?: readonly Connection[]
  /** `MM/DD/YYYY`: the day the result was sent; a new connection is created on or after it. */
  sentOn: string
  /** Connections other results were already seen in (two new ones for the same person). */
  claimed?: ReadonlySet<number>
  /** The number of members of each team, when the teams list is known. */
  teamSizes?: ReadonlyMap<number, number>
  /** Who the connection listed as its team members before the result, when known. */
  earlierMembers?: readonly number[]
}

/** Whitespace and case do not count: the service may trim or reflow a comment. */
export function sameText(shown: string, sent: string): boolean {
  const normal = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase()
  const wanted = normal(sent)
  return wanted !== '' && normal(shown).includes(wanted)
}

export function appliedEvidence(input: AppliedEvidenceInput): AppliedEvidence {
  const { body } = input
  const operation = operationOf(body)
  if (operation === 'new') return newConnectionEvidence(input)
  const connection = input.connection
  if (!connection) return { kind: 'not-seen', why: 'The connection was not looked at.' }
  const id = connection.id
  switch (operation) {
    case 'complete':
      return connection.completed
        ? { kind: 'applied', connectionId: id, why: 'The connection shows Completed.' }
        : { kind: 'not-seen', why: 'The connection is still open.' }
    case 'reassign':
      return assigneeShown(connection, body, input)
        ? { kind: 'applied', connectionId: id, why: 'The connection shows the new assignee.' }
        : { kind: 'not-seen', why: 'The connection still shows the earlier assignee.' }
    case 'keep-open':
      return attemptEvidence(connection, body)
  }
}

function attemptEvidence(connection: Connection, body: ChangeRequest): AppliedEvidence {
  const responses = sentResponses(body)
  if (body.Comment.trim() !== '') {
    return sameText(connection.comment, body.Comment)
      ? { kind: 'applied', connectionId: connection.id, why: 'The connection shows the comment.' }
      : { kind: 'not-seen', why: 'The connection does not show the comment.' }
  }
  if (responses.length > 0) {
    return hasResponses(connection, responses)
      ? { kind: 'applied', connectionId: connection.id, why: 'The connection shows the responses.' }
      : { kind: 'not-seen', why: 'The connection does not show the responses.' }
  }
  return {
    kind: 'nothing-to-see',
    why: 'An attempt without a comment or responses changes nothing Access ACS shows.'
  }
}

function newConnectionEvidence(input: AppliedEvidenceInput): AppliedEvidence {
  const { body } = input
  const sentOn = connectionDateOrdinal(input.sentOn) ?? 0
  const found = (input.personConnections ?? []).find((candidate) => {
    if (input.claimed?.has(candidate.id)) return false
    if (candidate.typeId !== body.ConnectionTypeId) return false
    const created = connectionDateOrdinal(candidate.dateCreated)
    if (created === undefined || created < sentOn) return false
    if (body.Comment.trim() !== '' && !sameText(candidate.comment, body.Comment)) return false
    // A list may leave out the team members; only members it does show must fit.
    return candidate.teamMembers.length === 0 || assigneeShown(candidate, body, input)
  })
  return found
    ? { kind: 'applied', connectionId: found.id, why: `Connection ${found.id} shows it.` }
    : { kind: 'not-seen', why: 'The person’s connections do not show it.' }
}

/**
 * GUESS: a connection lists who makes the contact as TeamMembers: the one caller, or the
 * team's members (the answer names no team). A team is recognised by its size, and by a
 * change from the members listed before when those are known; without the team's size
 * nothing proves it.
 */
function assigneeShown(
  connection: Connection,
  body: ChangeRequest,
  known: Pick<AppliedEvidenceInput, 'teamSizes' | 'earlierMembers'>
): boolean {
  const members = connection.teamMembers.map((member) => member.id)
  if (body.NewCallerIndvId > 0) return members.length === 1 && members[0] === body.NewCallerIndvId
  if (body.NewTeamId <= 0) return false
  const size = known.teamSizes?.get(body.NewTeamId)
  if (size === undefined || size === 0 || members.length !== size) return false
  const earlier = known.earlierMembers
  return earlier === undefined || !sameMembers(earlier, members)
}

function sameMembers(left: readonly number[], right: readonly number[]): boolean {
  const set = new Set(left)
  return left.length === right.length && right.every((id) => set.has(id))
}

function sentResponses(body: ChangeRequest): number[] {
  return body.ResponseIdList.filter((id) => id > 0)
}

function hasResponses(connection: Connection, responses: readonly number[]): boolean {
  const shown = new Set(connection.responses.map((response) => response.id))
  return responses.every((id) => shown.has(id))
}
