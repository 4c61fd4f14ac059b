import type { ChurchDirectory } from './church-directory'
import { jsonAnswer, messageAnswer, type Answer } from './http-answer'
import { missingLocateRight, type PracticeUser } from './practice-users'

/** CONTRACT.md section 2: the service serves at most 500 a page; a larger pageSize gets 500. */
export const MAX_PAGE_SIZE = 500
/** The practice site's default (a guess for the real service's). */
export const DEFAULT_PAGE_SIZE = 50

/**
 * The GETs of CONTRACT.md section 2; `rest` is the lower-cased path after the site number.
 * Undefined for a path that is not one of them.
 */
export function lookupAnswer(
  directory: ChurchDirectory,
  user: PracticeUser,
  rest: readonly string[],
  query: URLSearchParams
): Answer | undefined {
  const [resource, second, third] = rest
  switch (rest.length === 0 ? '' : `${resource}/${rest.length}`) {
    case 'account/1':
      return jsonAnswer(200, directory.accountJson(user))
    case 'types/2':
      return second === 'connections' ? jsonAnswer(200, directory.typesJson(user)) : undefined
    case 'types/3': {
      if (second !== 'responses') return undefined
      const typeId = idOf(third)
      const responses = typeId === undefined ? undefined : directory.responsesJsonOf(typeId)
      return responses === undefined
        ? messageAnswer(404, `Connection type ${third} was not found.`)
        : jsonAnswer(200, responses)
    }
    case 'connections/2':
      if (second === 'teams') return jsonAnswer(200, directory.teamsJson)
      if (second === 'assignments') {
        return paged(query, (index, size) => directory.assignmentSummaryPage(user, index, size))
      }
      return connectionDetails(directory, user, second)
    case 'connections/3': {
      if (second !== 'assignments') return undefined
      const typeId = idOf(third)
      if (typeId === undefined || !directory.connectionType(typeId)) {
        return messageAnswer(404, `Connection type ${third} was not found.`)
      }
      return paged(query, (index, size) => directory.assignmentsPage(user, typeId, index, size))
    }
    case 'individuals/1': {
      const missing = missingLocateRight(user)
      if (missing) return messageAnswer(403, missing)
      const q = query.get('q') ?? ''
      return paged(query, (index, size) => directory.individualsPage(q, index, size))
    }
    case 'individuals/2': {
      const indvId = idOf(second)
      const json = indvId === undefined ? undefined : directory.individualDetailJson(indvId)
      return json === undefined
        ? messageAnswer(404, `Individual ${second} was not found.`)
        : jsonAnswer(200, json)
    }
    case 'individuals/3': {
      if (third !== 'connections') return undefined
      const indvId = idOf(second)
      if (indvId === undefined || !directory.hasIndividual(indvId)) {
        return messageAnswer(404, `Individual ${second} was not found.`)
      }
      return paged(query, (index, size) => directory.personConnectionsPage(indvId, index, size))
    }
    default:
      return undefined
  }
}

function connectionDetails(
  directory: ChurchDirectory,
  user: PracticeUser,
  id: string | undefined
): Answer {
  const connectionId = idOf(id)
  const json = connectionId === undefined ? undefined : directory.connectionJson(user, connectionId)
  return json === undefined
    ? messageAnswer(404, `Connection ${id} was not found.`)
    : jsonAnswer(200, json)
}

/** `pageIndex` from 0 (default 0), `pageSize` from 1 (default 50, at most 500 served). */
function paged(query: URLSearchParams, page: (index: number, size: number) => string): Answer {
  const index = wholeNumber(query.get('pageIndex'), 0)
  if (index === undefined) {
    return messageAnswer(400, 'pageIndex must be a whole number from 0.')
  }
  const size = wholeNumber(query.get('pageSize'), DEFAULT_PAGE_SIZE)
  if (size === undefined || size < 1) {
    return messageAnswer(400, 'pageSize must be a whole number from 1.')
  }
  return jsonAnswer(200, page(index, Math.min(size, MAX_PAGE_SIZE)))
}

/** A query value of digits only; absent or empty gives the default. */
function wholeNumber(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback
  if (!/^\d{1,9}$/.test(text)) return undefined
  return Number(text)
}

function idOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined
  const value = Number(text)
  return value > 0 ? value : undefined
}
