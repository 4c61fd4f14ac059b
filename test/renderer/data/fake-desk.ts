import type {
  CredentialStatus,
  DeliveryState,
  OutboxReport,
  SendBatchResult,
  SendItem,
  SignInRequest,
  SignInResult,
  WakeReason
} from '../../../src/shared/bridge/channels'
import type { DeskApi } from '../../../src/shared/bridge/desk-api'
import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Paged,
  Team
} from '../../../src/shared/legacy-lookups'
import { siteKeyOf } from '../../../src/shared/site-key'

/**
 * A stand-in for `window.desk` (the bridge, not fetch): serves reference data from memory,
 * records what the page sends and reports, and lets a test raise wake and state events.
 */
export interface FakeDeskData {
  connectionTypes: ConnectionType[]
  responses: Map<number, ConnectionResponse[]>
  teams: Team[]
  people: Individual[]
  connections: ConnectionDetails[]
}

export type LookupName = keyof DeskApi['lookups']

export class FakeDesk implements DeskApi {
  data: FakeDeskData
  /** A lookup listed here throws this error (from the given page on, for paged ones). */
  failures = new Map<LookupName, { error: Error; fromPage?: number }>()
  lookupCalls: Array<{ name: LookupName; page?: number; pageSize?: number }> = []
  reports: OutboxReport[] = []
  sentBatches: SendItem[][] = []
  sendAnswer: (items: SendItem[]) => SendBatchResult = (items) => ({
    results: items.map((item, index) => ({
      id: item.id,
      outcome: {
        kind: 'accepted',
        connectionCRId: 9000 + this.sentBatches.flat().length - items.length + index + 1,
        status: 200,
        idempotencyHonoured: true
      }
    })),
    paused: false
  })
  #status: CredentialStatus = {
    configured: false,
    baseUrl: 'https://secure.accessacs.com/api_accessacs_mobile/v2',
    siteNumber: null,
    username: null,
    backend: 'test',
    persisted: false,
    practice: false,
    siteKey: null,
    needsSignIn: false,
    applicationId: 'none'
  }

  get status(): CredentialStatus {
    return this.#status
  }

  /** As the vault does, the site key follows the saved site; tests set the rest. */
  set status(status: Omit<CredentialStatus, 'siteKey'> & { siteKey?: string | null }) {
    const { baseUrl, siteNumber, practice } = status
    this.#status = {
      ...status,
      siteKey: siteNumber === null ? null : siteKeyOf({ baseUrl, siteNumber, practice })
    }
  }

  signInAnswer: (request: SignInRequest) => Promise<SignInResult> = async (request) => {
    this.status = {
      ...this.status,
      configured: true,
      baseUrl: request.baseUrl,
      siteNumber: request.siteNumber,
      username: request.username,
      practice: false
    }
    return { status: this.status, check: 'accepted', account: null }
  }
  deliveryState: DeliveryState = { online: true, paused: false, lastSuccessAt: null }
  #wakeListeners = new Set<(event: { reason: WakeReason }) => void>()
  #stateListeners = new Set<(state: DeliveryState) => void>()

  constructor(data: Partial<FakeDeskData> = {}) {
    this.data = {
      connectionTypes: data.connectionTypes ?? [],
      responses: data.responses ?? new Map(),
      teams: data.teams ?? [],
      people: data.people ?? [],
      connections: data.connections ?? []
    }
  }

  credentials = {
    status: async () => this.status,
    signIn: (request: SignInRequest) => this.signInAnswer(request),
    signInWithEmail: () => notInThisFake(),
    signOut: async () => {
      this.status = { ...this.status, configured: false, username: null, siteNumber: null }
      return this.status
    }
  }

  practice = {
    start: async (): Promise<SignInResult> => {
      this.status = {
        ...this.status,
        configured: true,
        baseUrl: 'http://127.0.0.1:40000/api_accessacs_mobile/v2',
        siteNumber: 12345,
        username: 'jadams',
        practice: true
      }
      return { status: this.status, check: 'accepted', account: null }
    }
  }

  delivery = {
    send: async (batch: { items: SendItem[] }) => {
      this.sentBatches.push(batch.items)
      return this.sendAnswer(batch.items)
    },
    report: async (report: OutboxReport) => {
      this.reports.push(report)
    },
    state: async () => this.deliveryState,
    onWake: (listener: (event: { reason: WakeReason }) => void) => {
      this.#wakeListeners.add(listener)
      return () => this.#wakeListeners.delete(listener)
    },
    onStateChanged: (listener: (state: DeliveryState) => void) => {
      this.#stateListeners.add(listener)
      return () => this.#stateListeners.delete(listener)
    }
  }

  lookups = {
    connectionTypes: async () => this.#answer('connectionTypes', () => this.data.connectionTypes),
    responses: async (request: { connectionTypeId: number }) =>
      this.#answer('responses', () => this.data.responses.get(request.connectionTypeId) ?? []),
    teams: async () => this.#answer('teams', () => this.data.teams),
    people: async (request: { page: number; pageSize: number }) =>
      this.#answer('people', () => pageOf(this.data.people, request), request),
    connections: async (request: { status: 'open' | 'all'; page: number; pageSize: number }) =>
      this.#answer(
        'connections',
        () =>
          pageOf(
            this.data.connections.filter(
              (connection) => request.status === 'all' || connection.Status === 'Open'
            ),
            request
          ),
        request
      )
  }

  sites = { find: () => notInThisFake() }
  account = { get: () => notInThisFake() }
  types = { list: () => notInThisFake() }
  responses = { list: () => notInThisFake() }
  teams = { list: () => notInThisFake() }
  assignments = { summary: () => notInThisFake(), list: () => notInThisFake() }
  connections = { get: () => notInThisFake(), ofPerson: () => notInThisFake() }
  people = { search: () => notInThisFake(), get: () => notInThisFake() }

  links = { open: async () => {} }

  get wakeListenerCount(): number {
    return this.#wakeListeners.size
  }

  wake(reason: WakeReason): void {
    for (const listener of this.#wakeListeners) listener({ reason })
  }

  changeState(state: DeliveryState): void {
    this.deliveryState = state
    for (const listener of this.#stateListeners) listener(state)
  }

  async #answer<T>(
    name: LookupName,
    produce: () => T,
    paging?: { page: number; pageSize: number }
  ): Promise<T> {
    this.lookupCalls.push({ name, ...paging })
    const failure = this.failures.get(name)
    if (failure && (failure.fromPage === undefined || (paging?.page ?? 1) >= failure.fromPage)) {
      throw failure.error
    }
    // Copies, as the bridge's structured clone would give.
    return structuredClone(produce())
  }
}

function notInThisFake(): Promise<never> {
  return Promise.reject(new Error('The fake desk does not serve this channel yet'))
}

function pageOf<T>(all: readonly T[], request: { page: number; pageSize: number }): Paged<T> {
  const start = (request.page - 1) * request.pageSize
  return {
    Items: all.slice(start, start + request.pageSize),
    Page: request.page,
    PageSize: request.pageSize,
    TotalCount: all.length
  }
}
