import { operationOf, type ChangeRequest } from '../shared/change-request'
import type { SimAssignee, SimConnection } from './church-model'

/**
 * What an administrator's approval does to the church (GUESS for the real service, which
 * applies change requests in ACS People Suite): a completion closes the connection, a
 * reassignment moves it, every result leaves its comment (when not empty) as the latest
 * one and adds its responses. `before` is undefined for a new connection.
 */
export function appliedConnection(
  before: SimConnection | undefined,
  body: ChangeRequest,
  newConnection: { ConnectionId: number; today: string }
): SimConnection {
  const operation = operationOf(body)
  const responses = body.ResponseIdList.filter((id) => id > 0)
  const comment = body.Comment.trim()
  if (operation === 'new' || before === undefined) {
    return {
      ConnectionId: newConnection.ConnectionId,
      ConnectionTypeId: body.ConnectionTypeId ?? 1,
      ContactIndvId: body.ContactIndvId ?? 0,
      FamilyConnection: body.FamilyConnection ?? false,
      assignee: assigneeOf(body),
      DateCreated: newConnection.today,
      DueDate: '',
      Completed: body.Complete,
      Comment: comment,
      responseIds: [...new Set(responses)].sort((a, b) => a - b)
    }
  }
  return {
    ...before,
    assignee: operation === 'reassign' ? assigneeOf(body) : before.assignee,
    Completed: before.Completed || operation === 'complete',
    Comment: comment === '' ? before.Comment : comment,
    responseIds: [...new Set([...before.responseIds, ...responses])].sort((a, b) => a - b)
  }
}

function assigneeOf(body: ChangeRequest): SimAssignee {
  if (body.NewTeamId > 0) return { kind: 'team', teamId: body.NewTeamId }
  if (body.NewCallerIndvId > 0) return { kind: 'person', indvId: body.NewCallerIndvId }
  return { kind: 'none' }
}
