import type { IncomingMessage, ServerResponse } from 'node:http'
import { basicCredentials, unauthorizedAnswer } from './basic-auth'
import { postChangeRequest } from './change-request-route'
import { controlAnswer } from './control-routes'
import { malformedAnswer, retryAfterAnswer, statusFaultAnswer } from './fault-answers'
import type { RequestKind } from './fault-injector'
import {
  messageAnswer,
  methodNotAllowedAnswer,
  notFoundAnswer,
  writeAnswer,
  type Answer
} from './http-answer'
import { lookupAnswer } from './lookup-routes'
import type { PendingDelays } from './pending-delays'
import { ClientGoneError } from './read-body'
import { PRACTICE_SITE_NUMBER, practiceUser, type PracticeUser } from './practice-users'
import type { SiteContext } from './site-context'

export interface RequestHandlerOptions {
  /** Refuses what a web page could send (src/sim/request-door.ts), before anything else. */
  door(req: IncomingMessage): Answer | undefined
  /** Mounts `/_sim/*`: tests and `npm run sim -- --control` only, never the app. */
  controlRoutes: boolean
}

const API_PREFIX = ['api_accessacs_mobile', 'v2'] as const
const SITE = String(PRACTICE_SITE_NUMBER)

export function createRequestHandler(
  site: SiteContext,
  delays: PendingDelays,
  options: RequestHandlerOptions
) {
  return (req: IncomingMessage, res: ServerResponse): void => {
    handle(site, delays, options, req, res).catch((error: unknown) => {
      // The sender hung up mid-request: nothing was recorded and nobody is left to answer.
      if (error instanceof ClientGoneError) return
      // A bug in the practice site: say so loudly, and answer like ASP.NET would.
      console.error('Practice site failed on', req.method, req.url, error)
      writeAnswer(res, messageAnswer(500, 'An error has occurred.'))
    })
  }
}

async function handle(
  site: SiteContext,
  delays: PendingDelays,
  options: RequestHandlerOptions,
  req: IncomingMessage,
  res: ServerResponse
): Promise<void> {
  const refusal = options.door(req)
  if (refusal) {
    writeAnswer(res, refusal)
    return
  }
  const url = req.url ?? '/'
  const queryStart = url.indexOf('?')
  const path = queryStart < 0 ? url : url.slice(0, queryStart)
  const segments = path
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => segment.toLowerCase())

  if (segments[0] === '_sim' && options.controlRoutes) {
    writeAnswer(res, await controlAnswer(site, req, segments))
    return
  }
  if (segments[0] !== API_PREFIX[0] || segments[1] !== API_PREFIX[1]) {
    writeAnswer(res, notFoundAnswer(url))
    return
  }

  // Faults act in front of the service, as an overloaded proxy or a bad network would.
  const method = req.method ?? 'GET'
  const kind: RequestKind =
    method === 'POST' && segments.length === 4 && segments[3] === 'connections'
      ? 'change-requests'
      : 'lookups'
  const latency = site.faults.latency()
  if (latency > 0) {
    await delays.wait(latency)
    // The site closed (or the sender gave up) while this request waited.
    if (req.socket.destroyed) return
  }
  const rule = site.faults.pick(kind)
  switch (rule?.kind) {
    case 'drop-before':
      req.socket.destroy()
      return
    case 'status':
      writeAnswer(res, statusFaultAnswer(rule.status))
      return
    case 'retry-after':
      writeAnswer(res, retryAfterAnswer(rule.status, rule.retryAfter))
      return
    case 'malformed':
      writeAnswer(res, malformedAnswer(rule.body))
      return
  }

  const answer = await apiAnswer(site, req, method, url, segments, queryStart)
  if (rule?.kind === 'drop-after') {
    // Whatever was done is done (a change request stays recorded); only the answer is lost.
    req.socket.destroy()
    return
  }
  writeAnswer(res, answer)
}

async function apiAnswer(
  site: SiteContext,
  req: IncomingMessage,
  method: string,
  url: string,
  segments: readonly string[],
  queryStart: number
): Promise<Answer> {
  const user = authenticatedUser(site, req)
  if (!user) return unauthorizedAnswer()
  const siteNumber = segments[2]
  if (siteNumber === undefined) return notFoundAnswer(url)
  if (siteNumber !== SITE) return messageAnswer(404, `Site ${siteNumber} was not found.`)

  const rest = segments.slice(3)
  const allowed = allowedMethods(rest)
  if (!allowed) return notFoundAnswer(url)
  if (!allowed.includes(method)) return methodNotAllowedAnswer(method, allowed)
  if (method === 'POST') return postChangeRequest(site, req, user)

  const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1))
  return lookupAnswer(site.directory, user, rest, query) ?? notFoundAnswer(url)
}

function authenticatedUser(site: SiteContext, req: IncomingMessage): PracticeUser | undefined {
  const credentials = basicCredentials(req.headers.authorization)
  if (!credentials) return undefined
  const user = practiceUser(credentials.username)
  if (!user) return undefined
  const password = site.faults.passwordOf(user.username, user.password)
  return password !== undefined && password === credentials.password ? user : undefined
}

/** The methods a path under the site answers, or undefined for a path that is not there. */
function allowedMethods(rest: readonly string[]): readonly string[] | undefined {
  const [resource] = rest
  if (rest.length === 1 && resource === 'connections') return ['GET', 'POST']
  if (rest.length === 1 && (resource === 'connectiontypes' || resource === 'connectionteams')) {
    return ['GET']
  }
  if (rest.length === 1 && resource === 'individuals') return ['GET']
  if (rest.length === 2 && resource === 'connections') return ['GET']
  if (rest.length === 3 && resource === 'connectiontypes' && rest[2] === 'responses') {
    return ['GET']
  }
  return undefined
}
