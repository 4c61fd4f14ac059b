import type { IncomingMessage, ServerResponse } from 'node:http'
import { findByEmailAnswer } from './account-routes'
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
import { practiceUser, type PracticeUser } from './practice-users'
import type { SiteContext } from './site-context'

export interface RequestHandlerOptions {
  /** Refuses what a web page could send (src/sim/request-door.ts), before anything else. */
  door(req: IncomingMessage): Answer | undefined
  /** Mounts `/_sim/*`: tests and `npm run sim -- --control` only, never the app. */
  controlRoutes: boolean
}

const API_PREFIX = ['api_accessacs_mobile', 'v2'] as const

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
  if (segments[2] === 'accounts' && segments[3] === 'findbyemail' && segments.length === 4) {
    // The one request below no site, and without Basic authorization.
    if (method !== 'PUT') return methodNotAllowedAnswer(method, ['PUT'])
    return findByEmailAnswer(site, req)
  }
  const user = authenticatedUser(site, req)
  if (!user) return unauthorizedAnswer()
  const siteText = segments[2]
  if (siteText === undefined) return notFoundAnswer(url)
  const siteNumber = /^\d{1,9}$/.test(siteText) ? Number(siteText) : undefined
  const directory = siteNumber === undefined ? undefined : site.directories.get(siteNumber)
  if (siteNumber === undefined || !directory) {
    return messageAnswer(404, `Site ${siteText} was not found.`)
  }
  // Credentials are per site: a user of another site is not known here.
  if (!user.sites.includes(siteNumber)) return unauthorizedAnswer()

  const rest = segments.slice(3)
  const allowed = allowedMethods(rest)
  if (!allowed) return notFoundAnswer(url)
  if (!allowed.includes(method)) return methodNotAllowedAnswer(method, allowed)
  if (method === 'POST') return postChangeRequest(site, directory, req, user)

  const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1))
  return lookupAnswer(directory, user, rest, query) ?? notFoundAnswer(url)
}

function authenticatedUser(site: SiteContext, req: IncomingMessage): PracticeUser | undefined {
  const credentials = basicCredentials(req.headers.authorization)
  if (!credentials) return undefined
  const user = practiceUser(credentials.username)
  if (!user) return undefined
  const password = site.faults.passwordOf(user.username, user.password)
  return password !== undefined && password === credentials.password ? user : undefined
}

/**
 * The routing table: the methods a path under the site answers (`*` is any one segment), or
 * undefined for a path that is not there. CONTRACT.md sections 1 and 2.
 */
const ROUTES: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['connections', ['POST']],
  ['account', ['GET']],
  ['types/connections', ['GET']],
  ['types/responses/*', ['GET']],
  ['connections/teams', ['GET']],
  ['connections/assignments', ['GET']],
  ['connections/assignments/*', ['GET']],
  ['connections/*', ['GET']],
  ['individuals', ['GET']],
  ['individuals/*', ['GET']],
  ['individuals/*/connections', ['GET']]
]

function allowedMethods(rest: readonly string[]): readonly string[] | undefined {
  for (const [pattern, methods] of ROUTES) {
    const parts = pattern.split('/')
    if (parts.length !== rest.length) continue
    if (parts.every((part, index) => part === '*' || part === rest[index])) return methods
  }
  return undefined
}
