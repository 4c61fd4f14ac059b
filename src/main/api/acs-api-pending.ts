import { DeskError } from '../../shared/errors'
import type { AcsApi } from '../service-contracts'

/**
 * Stands in for the adapter of CONTRACT.md section 2 until it lands (the next commits of
 * this branch): every call says so plainly instead of reaching an invented endpoint.
 */
export function pendingAcsApi(): AcsApi {
  const pending = (): Promise<never> =>
    Promise.reject(new DeskError('This part of Connections Desk is not built yet'))
  return {
    findSites: pending,
    account: pending,
    connectionTypes: pending,
    responses: pending,
    teams: pending,
    assignmentSummary: pending,
    assignments: pending,
    connection: pending,
    personConnections: pending,
    people: pending,
    person: pending
  }
}
