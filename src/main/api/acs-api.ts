import {
  CredentialsRejectedError,
  InvalidSettingError,
  NotFoundError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '../../shared/errors'
import type { AcsApi, Credentials } from '../service-contracts'
import {
  ACS_PATHS,
  AnswerShapeError,
  CONNECTION_QUERY,
  findSitesBody,
  pageQuery,
  peopleQuery,
  readAccount,
  readAccounts,
  readAssignmentSummaryPage,
  readConnection,
  readConnectionPage,
  readConnectionTypes,
  readPeoplePage,
  readPerson,
  readResponses,
  readTeams
} from './acs-adapter'
import { readErrorAnswer } from './acs-answers'
import {
  createAcsHttp,
  type AcsAnswer,
  type AcsHttp,
  type AcsHttpOptions,
  type AcsRequest,
  type ServiceAccess
} from './http'

export interface AcsService extends AcsApi {
  close(): Promise<void>
}

export interface AcsApiOptions extends AcsHttpOptions {
  /** Shares the client's connections when given; then close() leaves it open. */
  http?: AcsHttp
  /** A page of 500 people or connections runs to a megabyte or two. */
  maxLookupBodyBytes?: number
}

export const DEFAULT_MAX_LOOKUP_BODY_BYTES = 32 * 1024 * 1024

/** What a 404 means for a request: the site itself, or one item of it. */
type Subject = { what: string; item?: string }

/**
 * The account and lookups of CONTRACT.md section 2 over HTTP: the requests and the statuses
 * here, every wire name and the paging rule in acs-adapter.ts.
 */
export function createAcsApi(options: AcsApiOptions = {}): AcsService {
  const http = options.http ?? createAcsHttp(options)
  const maxBodyBytes = options.maxLookupBodyBytes ?? DEFAULT_MAX_LOOKUP_BODY_BYTES

  async function fetchJson(
    access: Credentials | ServiceAccess,
    subject: Subject,
    request: Omit<AcsRequest, 'label' | 'maxBodyBytes'>
  ): Promise<unknown> {
    const result = await http.send(access, { ...request, label: subject.what, maxBodyBytes })
    if (result.kind === 'failed') {
      throw new SiteUnreachableError(
        `Could not load ${subject.what}: ${result.message}. Try again when online.`
      )
    }
    throwForStatus(result, subject, access)
    return jsonOf(result, subject.what)
  }

  async function get<T>(
    credentials: Credentials,
    subject: Subject,
    path: string,
    read: (answer: unknown) => T,
    query: Record<string, string | number> = {}
  ): Promise<T> {
    const answer = await fetchJson(credentials, subject, { method: 'GET', path, query })
    return readWith(read, answer, subject.what)
  }

  return {
    async checkSignIn(credentials) {
      const result = await http.send(credentials, {
        method: 'GET',
        path: ACS_PATHS.account,
        label: 'sign-in check'
      })
      if (result.kind === 'failed') return { check: 'offline', account: null }
      if (result.status === 429 || result.status >= 500) return { check: 'offline', account: null }
      throwForStatus(result, { what: 'your account' }, credentials)
      const account = readWith(readAccount, jsonOf(result, 'your account'), 'your account')
      return { check: 'accepted', account }
    },
    async findSites(baseUrl, email, password) {
      const subject = { what: 'the sites of this e-mail' }
      const answer = await fetchJson({ baseUrl }, subject, {
        method: 'PUT',
        path: ACS_PATHS.findSites,
        body: findSitesBody(email, password)
      })
      return readWith(readAccounts, answer, subject.what).items
    },
    account: (credentials) =>
      get(credentials, { what: 'your account' }, ACS_PATHS.account, readAccount),
    connectionTypes: (credentials) =>
      get(
        credentials,
        { what: 'connection types' },
        ACS_PATHS.connectionTypes,
        readConnectionTypes
      ),
    responses: (credentials, typeId) =>
      get(
        credentials,
        { what: `responses of connection type ${typeId}`, item: `connection type ${typeId}` },
        ACS_PATHS.responses(typeId),
        readResponses
      ),
    teams: (credentials) => get(credentials, { what: 'teams' }, ACS_PATHS.teams, readTeams),
    assignmentSummary: (credentials, page) =>
      get(
        credentials,
        { what: `your assignments (page ${page.pageIndex + 1})` },
        ACS_PATHS.assignmentSummary,
        (answer) => readAssignmentSummaryPage(answer, page),
        pageQuery(page)
      ),
    assignments: (credentials, typeId, page) =>
      get(
        credentials,
        {
          what: `your assignments of connection type ${typeId} (page ${page.pageIndex + 1})`,
          item: `connection type ${typeId}`
        },
        ACS_PATHS.assignments(typeId),
        (answer) => readConnectionPage(answer, page),
        pageQuery(page)
      ),
    connection: (credentials, connectionId) =>
      get(
        credentials,
        { what: `connection ${connectionId}`, item: `connection ${connectionId}` },
        ACS_PATHS.connection(connectionId),
        readConnection,
        CONNECTION_QUERY
      ),
    personConnections: (credentials, personId, page) =>
      get(
        credentials,
        {
          what: `the connections of person ${personId} (page ${page.pageIndex + 1})`,
          item: `person ${personId}`
        },
        ACS_PATHS.personConnections(personId),
        (answer) => readConnectionPage(answer, page),
        pageQuery(page)
      ),
    people: (credentials, query, page) =>
      get(
        credentials,
        { what: `people (page ${page.pageIndex + 1})` },
        ACS_PATHS.people,
        (answer) => readPeoplePage(answer, page),
        peopleQuery(query, page)
      ),
    person: (credentials, personId) =>
      get(
        credentials,
        { what: `person ${personId}`, item: `person ${personId}` },
        ACS_PATHS.person(personId),
        readPerson
      ),
    close: () => (options.http ? Promise.resolve() : http.close())
  }
}

function throwForStatus(
  answer: AcsAnswer,
  subject: Subject,
  access: Credentials | ServiceAccess
): void {
  const { status } = answer
  if (status >= 200 && status < 300) return
  const reading = readErrorAnswer(status, answer.body, answer.headers['content-type'])
  if (!('siteNumber' in access)) {
    if (status === 401) {
      throw new CredentialsRejectedError(
        'Access ACS did not accept that e-mail and password together; check both and try again'
      )
    }
    if (status === 404) {
      throw new InvalidSettingError(
        `The site address does not offer sign-in by e-mail (${reading.message}); check the address, or sign in with the site number and user name`
      )
    }
  } else if (status === 401) {
    throw new CredentialsRejectedError(
      `The site did not accept the user name or password for site ${access.siteNumber}; check them and sign in again`
    )
  } else if (status === 403) {
    throw new CredentialsRejectedError(
      `User ${access.username} may not read ${subject.what} at site ${access.siteNumber} (${reading.message}); ask the church’s administrator for the rights`
    )
  } else if (status === 404) {
    throw subject.item
      ? new NotFoundError(
          `The site found no ${subject.item} (${reading.message}); it may have been removed, or the site number may be wrong`
        )
      : new InvalidSettingError(
          `The site found no ${subject.what} for site ${access.siteNumber} (${reading.message}); check the site number and address`
        )
  }
  if (status === 429 || status >= 500) {
    throw new SiteUnreachableError(
      `The site is busy or failing (${reading.message}); try again in a few minutes`
    )
  }
  throw new UnexpectedAnswerError(
    `The site answered the request for ${subject.what} with ${reading.message}`
  )
}

function jsonOf(answer: AcsAnswer, what: string): unknown {
  if (answer.oversized || answer.cutOff) {
    throw new UnexpectedAnswerError(
      `The site’s answer for ${what} was ${answer.oversized ? 'larger than this app reads' : 'cut off'}; try again, or ask for fewer at a time`
    )
  }
  try {
    return JSON.parse(answer.body)
  } catch {
    throw new UnexpectedAnswerError(`The site’s answer for ${what} was not JSON`)
  }
}

function readWith<T>(read: (answer: unknown) => T, answer: unknown, what: string): T {
  try {
    return read(answer)
  } catch (error) {
    if (error instanceof AnswerShapeError) {
      throw new UnexpectedAnswerError(
        `The site’s answer for ${what} is not in the expected form: ${error.message}`
      )
    }
    throw error
  }
}
