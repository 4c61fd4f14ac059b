import * as z from 'zod'
import {
  CredentialsRejectedError,
  InvalidSettingError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '../../shared/errors'
import {
  connectionDetailsSchema,
  connectionResponseSchema,
  connectionTypeSchema,
  individualSchema,
  pagedSchema,
  teamSchema,
  type Paged
} from '../../shared/legacy-lookups'
import type { AcsLookups, CredentialCheck, Credentials } from '../service-contracts'
import { readErrorAnswer } from './acs-answers'
import { createAcsHttp, type AcsAnswer, type AcsHttp, type AcsHttpOptions } from './http'

/**
 * The ONE module that holds the inferred lookup endpoints of CONTRACT.md section 2: their
 * paths, query names and answer shapes. Correcting them against the real service means
 * changing this file only.
 */
const ENDPOINTS = {
  connectionTypes: 'connectiontypes',
  responses: (connectionTypeId: number) => `connectiontypes/${connectionTypeId}/responses`,
  teams: 'connectionteams',
  people: 'individuals',
  connections: 'connections'
} as const

/** Answer shapes (inferred). */
const connectionTypesAnswer = z.array(connectionTypeSchema)
const responsesAnswer = z.array(connectionResponseSchema)
const teamsAnswer = z.array(teamSchema)
const peopleAnswer = pagedSchema(individualSchema)
const connectionsAnswer = pagedSchema(connectionDetailsSchema)

export interface AcsLookupsOptions extends AcsHttpOptions {
  /** Shares the client's connections when given; then close() leaves it open. */
  http?: AcsHttp
  /** A page of 1,000 connections with their last comments runs to megabytes. */
  maxLookupBodyBytes?: number
}

export const DEFAULT_MAX_LOOKUP_BODY_BYTES = 32 * 1024 * 1024

export function createAcsLookups(options: AcsLookupsOptions = {}): AcsLookups & {
  close(): Promise<void>
} {
  const http = options.http ?? createAcsHttp(options)
  const maxBodyBytes = options.maxLookupBodyBytes ?? DEFAULT_MAX_LOOKUP_BODY_BYTES

  async function get<T>(
    credentials: Credentials,
    what: string,
    path: string,
    schema: z.ZodType<T>,
    query: Record<string, string | number> = {}
  ): Promise<T> {
    const result = await http.send(credentials, {
      method: 'GET',
      path,
      query,
      label: what,
      maxBodyBytes
    })
    if (result.kind === 'failed') {
      throw new SiteUnreachableError(
        `Could not load ${what}: ${result.message}. Try again when online.`
      )
    }
    throwForStatus(result, what, credentials)
    return parseAnswer(result, what, schema)
  }

  return {
    async checkCredentials(credentials): Promise<CredentialCheck> {
      // The cheapest lookup there is: a short list every user may read.
      const result = await http.send(credentials, {
        method: 'GET',
        path: ENDPOINTS.connectionTypes,
        label: 'credential check'
      })
      if (result.kind === 'failed') return 'offline'
      if (result.status === 429 || result.status >= 500) return 'offline'
      throwForStatus(result, 'connection types', credentials)
      return 'accepted'
    },
    connectionTypes: (credentials) =>
      get(credentials, 'connection types', ENDPOINTS.connectionTypes, connectionTypesAnswer),
    responses: (credentials, connectionTypeId) =>
      get(
        credentials,
        `responses of connection type ${connectionTypeId}`,
        ENDPOINTS.responses(connectionTypeId),
        responsesAnswer
      ),
    teams: (credentials) => get(credentials, 'teams', ENDPOINTS.teams, teamsAnswer),
    people: (credentials, page, pageSize): Promise<Paged<z.infer<typeof individualSchema>>> =>
      get(credentials, `people (page ${page})`, ENDPOINTS.people, peopleAnswer, {
        q: '',
        page,
        pageSize
      }),
    connections: (credentials, status, page, pageSize) =>
      get(
        credentials,
        `${status} connections (page ${page})`,
        ENDPOINTS.connections,
        connectionsAnswer,
        {
          status,
          page,
          pageSize
        }
      ),
    close: () => (options.http ? Promise.resolve() : http.close())
  }
}

function throwForStatus(answer: AcsAnswer, what: string, credentials: Credentials): void {
  const { status } = answer
  if (status >= 200 && status < 300) return
  const reading = readErrorAnswer(status, answer.body, answer.headers['content-type'])
  if (status === 401) {
    throw new CredentialsRejectedError(
      `The site did not accept the username or password for site ${credentials.siteNumber}; check them and sign in again`
    )
  }
  if (status === 403) {
    throw new CredentialsRejectedError(
      `User ${credentials.username} may not read ${what} at site ${credentials.siteNumber} (${reading.message}); ask the church’s administrator for the rights`
    )
  }
  if (status === 404) {
    throw new InvalidSettingError(
      `The site found no ${what} for site ${credentials.siteNumber} (${reading.message}); check the site number and address`
    )
  }
  if (status === 429 || status >= 500) {
    throw new SiteUnreachableError(
      `The site is busy or failing (${reading.message}); try again in a few minutes`
    )
  }
  throw new UnexpectedAnswerError(
    `The site answered the request for ${what} with ${reading.message}`
  )
}

function parseAnswer<T>(answer: AcsAnswer, what: string, schema: z.ZodType<T>): T {
  if (answer.oversized || answer.cutOff) {
    throw new UnexpectedAnswerError(
      `The site’s list of ${what} was ${answer.oversized ? 'larger than this app reads' : 'cut off'}; try again, or ask for fewer at a time`
    )
  }
  let value: unknown
  try {
    value = JSON.parse(answer.body)
  } catch {
    throw new UnexpectedAnswerError(`The site’s answer for ${what} was not JSON`)
  }
  const parsed = schema.safeParse(value)
  if (parsed.success) return parsed.data
  const fieldErrors: Record<string, string[]> = {}
  for (const issue of parsed.error.issues) {
    const path = issue.path.length ? issue.path.map(String).join('.') : '(answer)'
    ;(fieldErrors[path] ??= []).push(issue.message)
  }
  const paths = Object.keys(fieldErrors)
  throw new UnexpectedAnswerError(
    `The site’s answer for ${what} is not in the expected form (at ${paths.slice(0, 5).join(', ')}${paths.length > 5 ? ', …' : ''})`,
    fieldErrors
  )
}
