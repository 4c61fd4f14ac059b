/** How much each benchmark does: the full run (about 20 minutes) or --quick (under 3, for CI). */
export interface BenchConfig {
  mode: 'full' | 'quick'
  /** People in the practice site's directory, for every benchmark. */
  people: number
  saves: number
  drainItems: number
  drainRounds: number
  /** A drain stops sending after this long and is measured over what it sent. */
  drainDeadlineMs: number
  /** No new round starts after this much time in one benchmark. */
  roundBudgetMs: number
  peerItems: number
  latencyItems: number
  peerLatencyItems: number
  latencyRounds: number
  directoryRounds: number
  buildRounds: number
  memoryRounds: number
  typingTargets: number
  typoCases: number
  /** Keystrokes typed with the outbox idle, and the most typing time during a drain. */
  idleKeystrokes: number
  typingWindowMs: number
  firstScreenRounds: number
  /** Calls timed per transport for the bridge comparison. */
  bridgeRounds: number
  siteRounds: number
  siteRequests: number
  /** Fresh Node processes timed starting the built main. */
  bootRounds: number
}

export const FULL: BenchConfig = {
  mode: 'full',
  people: 50_000,
  saves: 1000,
  drainItems: 10_000,
  drainRounds: 3,
  drainDeadlineMs: 180_000,
  roundBudgetMs: 240_000,
  peerItems: 10_000,
  latencyItems: 500,
  peerLatencyItems: 500,
  latencyRounds: 2,
  directoryRounds: 5,
  buildRounds: 9,
  memoryRounds: 5,
  typingTargets: 20,
  typoCases: 2000,
  idleKeystrokes: 200,
  typingWindowMs: 60_000,
  firstScreenRounds: 5,
  bridgeRounds: 30,
  siteRounds: 5,
  siteRequests: 3000,
  bootRounds: 15
}

export const QUICK: BenchConfig = {
  mode: 'quick',
  people: 20_000,
  saves: 200,
  drainItems: 1000,
  drainRounds: 1,
  drainDeadlineMs: 30_000,
  roundBudgetMs: 30_000,
  peerItems: 1000,
  latencyItems: 100,
  peerLatencyItems: 100,
  latencyRounds: 1,
  directoryRounds: 1,
  buildRounds: 3,
  memoryRounds: 2,
  typingTargets: 5,
  typoCases: 500,
  idleKeystrokes: 60,
  typingWindowMs: 10_000,
  firstScreenRounds: 1,
  bridgeRounds: 10,
  siteRounds: 2,
  siteRequests: 300,
  bootRounds: 3
}
