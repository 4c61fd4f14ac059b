import type { ChangeRequest } from '../shared/change-request'
import { NEW_CONNECTION_ID, NO_ASSIGNEE, NO_RESPONSE_ID } from '../shared/change-request'
import type { ChurchDirectory } from './church-directory'
import type { SimConnection } from './church-model'
import { messageAnswer, modelStateAnswer, type Answer } from './http-answer'
import { missingTypeRight, type PracticeUser } from './practice-users'

/**
 * The checks that need the church's data, in the order of docs/practice-site.md: rights
 * to the connection's type (403), an unknown connection (404), a closed one (400), then
 * ids that do not exist or responses of another type (400, naming the field).
 */
export function referenceProblem(
  directory: ChurchDirectory,
  user: PracticeUser,
  request: ChangeRequest
): Answer | undefined {
  const existing =
    request.ConnectionId === NEW_CONNECTION_ID
      ? undefined
      : directory.connection(request.ConnectionId)
  const typeId = existing?.ConnectionTypeId ?? request.ConnectionTypeId
  const type = typeId === undefined ? undefined : directory.connectionType(typeId)
  if (typeId !== undefined && type) {
    const missing = missingTypeRight(user, typeId, type.ConnectionTypeDesc)
    if (missing) return messageAnswer(403, missing)
  }
  if (request.ConnectionId !== NEW_CONNECTION_ID && !existing) {
    return messageAnswer(404, `Connection ${request.ConnectionId} was not found.`)
  }
  if (existing?.Completed) {
    return modelStateAnswer('The request is invalid.', {
      ConnectionId: [
        `Connection ${existing.ConnectionId} is closed; a closed connection cannot be changed.`
      ]
    })
  }
  const problems = fieldProblems(directory, request, existing, typeId)
  if (Object.keys(problems).length === 0) return undefined
  return modelStateAnswer('The request is invalid.', problems)
}

function fieldProblems(
  directory: ChurchDirectory,
  request: ChangeRequest,
  existing: SimConnection | undefined,
  typeId: number | undefined
): Record<string, string[]> {
  const problems: Record<string, string[]> = {}
  const add = (field: string, message: string): void => {
    ;(problems[field] ??= []).push(message)
  }
  const typeKnown = typeId !== undefined && directory.connectionType(typeId) !== undefined
  if (request.ConnectionTypeId !== undefined) {
    if (!directory.connectionType(request.ConnectionTypeId)) {
      add('ConnectionTypeId', `Connection type ${request.ConnectionTypeId} does not exist.`)
    } else if (existing && existing.ConnectionTypeId !== request.ConnectionTypeId) {
      add(
        'ConnectionTypeId',
        `Connection ${existing.ConnectionId} is of connection type ${existing.ConnectionTypeId}, ` +
          `not ${request.ConnectionTypeId}.`
      )
    }
  }
  if (request.ContactIndvId !== undefined && !directory.hasIndividual(request.ContactIndvId)) {
    add('ContactIndvId', `Individual ${request.ContactIndvId} (the contact) does not exist.`)
  }
  if (
    request.NewCallerIndvId !== NO_ASSIGNEE &&
    !directory.hasIndividual(request.NewCallerIndvId)
  ) {
    add('NewCallerIndvId', `Individual ${request.NewCallerIndvId} (the caller) does not exist.`)
  }
  if (request.NewTeamId !== NO_ASSIGNEE && !directory.hasTeam(request.NewTeamId)) {
    add('NewTeamId', `Team ${request.NewTeamId} does not exist.`)
  }
  if (typeKnown) {
    const foreign = request.ResponseIdList.filter(
      (id) => id !== NO_RESPONSE_ID && !directory.isResponseOfType(id, typeId)
    )
    if (foreign.length > 0) {
      const which =
        foreign.length === 1
          ? `Response ${foreign[0]} is not`
          : `Responses ${foreign.join(', ')} are not`
      add('ResponseIdList', `${which} valid for connection type ${typeId}.`)
    }
  }
  return problems
}
