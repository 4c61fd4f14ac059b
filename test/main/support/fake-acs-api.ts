import type { AcsApi, Credentials, SignInCheck } from '$main/service-contracts'
import type { Account, Page } from '$shared/lookups'
import { accountOf } from '../../shared/support/accounts'
import { openConnection, person } from '../../shared/support/lookup-builders'

/** The account the fake answers for a site and user: Jane Adams, person 76 of the seed. */
export function accountAt(siteNumber: number, userName: string): Account {
  return accountOf({
    siteNumber,
    siteName: `Site ${siteNumber}`,
    email: 'jadams@practice.example',
    userName,
    fullName: 'Jane Adams',
    personId: 76,
    familyId: 1010
  })
}

function emptyPage<T>(pageIndex: number, pageSize: number): Page<T> {
  return { items: [], skipped: 0, pageIndex, pageCount: 0, pageSize, last: true }
}

/**
 * An AcsApi that records each call (credentials by user name) and answers from memory;
 * `checkSignIn` answers what the test says.
 */
export function fakeAcsApi(
  calls: unknown[][],
  check: (credentials: Credentials) => Promise<SignInCheck> = async (credentials) => ({
    check: 'accepted',
    account: accountAt(credentials.siteNumber, credentials.username)
  })
): AcsApi {
  return {
    checkSignIn: async (credentials) => {
      calls.push(['checkSignIn', credentials.username, credentials.siteNumber])
      return check(credentials)
    },
    findSites: async (baseUrl, email) => {
      calls.push(['findSites', baseUrl, email])
      return [accountAt(12345, 'jadams'), accountAt(12346, 'jane.adams')]
    },
    account: async (credentials) => {
      calls.push(['account', credentials.username])
      return accountAt(credentials.siteNumber, credentials.username)
    },
    connectionTypes: async (credentials) => {
      calls.push(['connectionTypes', credentials.username])
      return {
        items: [{ id: 1, name: 'Visitor follow-up', category: 'O', colour: '', mayChange: true }],
        skipped: 2
      }
    },
    responses: async (_credentials, typeId) => {
      calls.push(['responses', typeId])
      return { items: [{ id: 2, name: 'Left a message' }], skipped: 0 }
    },
    // Outside the contract on purpose: the response schema must refuse it.
    teams: async () => ({ items: [{ id: 'one', name: 'Greeters' }], skipped: 0 }) as never,
    assignmentSummary: async (_credentials, page) => {
      calls.push(['assignmentSummary', page.pageIndex, page.pageSize])
      return emptyPage(page.pageIndex, page.pageSize)
    },
    assignments: async (_credentials, typeId, page) => {
      calls.push(['assignments', typeId, page.pageIndex, page.pageSize])
      return emptyPage(page.pageIndex, page.pageSize)
    },
    connection: async (_credentials, connectionId) => {
      calls.push(['connection', connectionId])
      return openConnection(connectionId, {
        typeName: 'Visitor follow-up',
        contact: null,
        mayChange: true
      })
    },
    personConnections: async (_credentials, personId, page) => {
      calls.push(['personConnections', personId, page.pageIndex])
      return emptyPage(page.pageIndex, page.pageSize)
    },
    people: async (_credentials, query, page) => {
      calls.push(['people', query, page.pageIndex, page.pageSize])
      return emptyPage(page.pageIndex, page.pageSize)
    },
    person: async (_credentials, personId) => {
      calls.push(['person', personId])
      return person(personId, 'Ann', 'Lee', { familyId: null, email: '' })
    }
  }
}
