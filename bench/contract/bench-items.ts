import type { ChangeRequest } from '../../src/shared/change-request'
import type { OutboxItemSummary } from '../../src/shared/outbox/outbox-item'

/**
 * What the benchmarks save and send: new connections for the practice site's person 76
 * (the seed's example), so no item waits on another's connection, each with its own comment
 * so no two bodies are the same.
 */
export function benchChangeRequest(index: number): ChangeRequest {
  return {
    ConnectionId: -1,
    Complete: false,
    ConnectionDate: '06/05/2015',
    ConnectionTypeId: 1,
    FamilyConnection: false,
    ContactIndvId: 76,
    OpenCategoryId: 1,
    Reassign: false,
    NewCallerIndvId: -1,
    NewTeamId: 1,
    Comment: `Benchmark result ${index}: called, left a message, will try again next week`,
    ResponseIdList: [-1]
  }
}

export const BENCH_SUMMARY: OutboxItemSummary = {
  operation: 'new',
  contactName: 'Benchmark Contact',
  connectionTypeName: 'Benchmark type',
  assigneeName: 'Team: Greeters'
}

export const BENCH_USER = 'jadams'
