import { MAX_PAGE_SIZE } from '../shared/legacy-lookups'
import type { ChurchDirectory } from './church-directory'
import { jsonAnswer, messageAnswer, type Answer } from './http-answer'
import { missingLocateRight, type PracticeUser } from './practice-users'

export const DEFAULT_PAGE_SIZE = 100

/** The GET lookups of CONTRACT.md section 2; `rest` is the path after the site number. */
export function lookupAnswer(
  directory: ChurchDirectory,
  user: PracticeUser,
  rest: readonly string[],
  query: URLSearchParams
): Answer | undefined {
  const [resource, id, sub] = rest
  if (rest.length === 1 && resource === 'connectiontypes') {
    return jsonAnswer(200, directory.typesJson)
  }
  if (rest.length === 3 && resource === 'connectiontypes' && sub === 'responses') {
    const typeId = idOf(id)
    const responses = typeId === undefined ? undefined : directory.responsesJsonOf(typeId)
    return responses === undefined
      ? messageAnswer(404, `Connection type ${id} was not found.`)
      : jsonAnswer(200, responses)
  }
  if (rest.length === 1 && resource === 'connectionteams') {
    return jsonAnswer(200, directory.teamsJson)
  }
  if (rest.length === 1 && resource === 'individuals') {
    const missing = missingLocateRight(user)
    if (missing) return messageAnswer(403, missing)
    return paged(query, (page, size) => directory.individualsPage(query.get('q') ?? '', page, size))
  }
  if (rest.length === 1 && resource === 'connections') {
    const status = (query.get('status') ?? 'all').toLowerCase()
    if (status !== 'open' && status !== 'all') {
      return messageAnswer(400, `status must be open or all, not "${query.get('status')}".`)
    }
    return paged(query, (page, size) => directory.connectionsPage(status, page, size))
  }
  if (rest.length === 2 && resource === 'connections') {
    const connectionId = idOf(id)
    const json = connectionId === undefined ? undefined : directory.connectionJsonOf(connectionId)
    return json === undefined
      ? messageAnswer(404, `Connection ${id} was not found.`)
      : jsonAnswer(200, json)
  }
  return undefined
}

function paged(query: URLSearchParams, page: (page: number, size: number) => string): Answer {
  const number = pageNumber(query.get('page'), 1)
  if (number === undefined) {
    return messageAnswer(400, 'page must be a whole number of at least 1.')
  }
  const size = pageNumber(query.get('pageSize'), DEFAULT_PAGE_SIZE)
  if (size === undefined || size > MAX_PAGE_SIZE) {
    return messageAnswer(
      400,
      `pageSize must be a whole number from 1 to ${MAX_PAGE_SIZE.toLocaleString('en-US')}.`
    )
  }
  return jsonAnswer(200, page(number, size))
}

/** A query value of digits only, at least 1; absent or empty gives the default. */
function pageNumber(text: string | null, fallback: number): number | undefined {
  if (text === null || text === '') return fallback
  if (!/^\d{1,9}$/.test(text)) return undefined
  const value = Number(text)
  return value >= 1 ? value : undefined
}

function idOf(text: string | undefined): number | undefined {
  if (text === undefined || !/^\d{1,15}$/.test(text)) return undefined
  return Number(text)
}
