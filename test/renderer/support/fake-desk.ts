import type {
  CredentialStatus,
  DeliveryState,
  DiagnosticsResult,
  EmailSignInRequest,
  FindSitesRequest,
  OutboxSummary,
  RendererError,
  SavePdfRequest,
  RestartResult,
  UpdateState,
  OutboxReport,
  PracticeSite,
  PracticeStartRequest,
  SendBatchResult,
  SendItem,
  SignInRequest,
  SignInResult,
  WakeReason
} from '$shared/bridge/channels'
import type { DeskApi } from '$shared/bridge/desk-api'
import { NotFoundError } from '$shared/errors'
import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Page,
  PageRequest,
  Person,
  Team
} from '$shared/lookups'
import { siteKeyOf } from '$shared/site-key'
import { accountOf } from '../../shared/support/accounts'
import { createBackupCopies, type BackedUpResult } from '$shared/outbox/result-backup'

/**
 * A stand-in for `window.desk` (the bridge, not fetch): serves reference data from memory,
 * records what the page sends and reports, and lets a test raise wake and state events.
 */
export interface FakeDeskData {
  account: Account
  connectionTypes: ConnectionType[]
  responses: Map<number, ConnectionResponse[]>
  teams: Team[]
  people: Person[]
  /** Every connection the fake site knows; the open ones are the user's assignments. */
  connections: Connection[]
  /** Items a list "could not read": what the adapter would count as skipped. */
  skipped: Partial<Record<LookupName, number>>
}

export type LookupName =
  | 'account'
  | 'types'
  | 'responses'
  | 'teams'
  | 'summary'
  | 'assignments'
  | 'connection'
  | 'personConnections'
  | 'people'

/** An administrator with every right: what most screens are tested as. */
export function fakeAccount(overrides: Partial<Account> = {}): Account {
  return accountOf({
    siteName: 'Grace Community Church',
    email: 'jadams@example.org',
    fullName: 'Jane Adams',
    personId: null,
    familyId: null,
    ...overrides
  })
}

export class FakeDesk implements DeskApi {
  data: FakeDeskData
  /** A lookup listed here throws this error (from the given page index on, for paged ones). */
  failures = new Map<LookupName, { error: Error; fromPage?: number }>()
  lookupCalls: Array<{ name: LookupName; pageIndex?: number; pageSize?: number }> = []
  reports: OutboxReport[] = []
  sentBatches: SendItem[][] = []
  /** The site key each batch named, in order. */
  sentSiteKeys: string[] = []
  stops: string[] = []
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
  /** The sites an e-mail may use: the fake's own account unless a test says. */
  findSitesAnswer: (request: FindSitesRequest) => Promise<Account[]> = async () => [
    this.data.account
  ]
  findSitesRequests: FindSitesRequest[] = []
  emailSignInRequests: EmailSignInRequest[] = []
  /** Signs in as the account's user name at the chosen site. */
  signInWithEmailAnswer: (request: EmailSignInRequest) => Promise<SignInResult> = async (
    request
  ) => {
    const account = { ...this.data.account, siteNumber: request.siteNumber }
    this.status = {
      ...this.status,
      configured: true,
      baseUrl: request.baseUrl,
      siteNumber: request.siteNumber,
      username: account.userName,
      practice: false
    }
    return { status: this.status, check: 'accepted', account }
  }
  practiceSite: PracticeSite = {
    baseUrl: 'http://127.0.0.1:40000/api_accessacs_mobile/v2',
    siteNumber: 12345,
    users: [
      { userName: 'jadams', email: 'jadams@practice.example', description: 'System Administrator' },
      { userName: 'clerk', email: 'clerk@practice.example', description: 'Office clerk' }
    ]
  }
  practiceStarts: Array<PracticeStartRequest> = []
  deliveryState: DeliveryState = { online: true, paused: false, lastSuccessAt: null }
  #wakeListeners = new Set<(event: { reason: WakeReason }) => void>()
  #stateListeners = new Set<(state: DeliveryState) => void>()

  constructor(data: Partial<FakeDeskData> = {}) {
    this.data = {
      account: data.account ?? fakeAccount(),
      connectionTypes: data.connectionTypes ?? [],
      responses: data.responses ?? new Map(),
      teams: data.teams ?? [],
      people: data.people ?? [],
      connections: data.connections ?? [],
      skipped: data.skipped ?? {}
    }
  }

  credentials = {
    status: async () => this.status,
    signIn: (request: SignInRequest) => this.signInAnswer(request),
    signInWithEmail: (request: EmailSignInRequest) => {
      this.emailSignInRequests.push(request)
      return this.signInWithEmailAnswer(request)
    },
    signOut: async () => {
      this.status = { ...this.status, configured: false, username: null, siteNumber: null }
      return this.status
    }
  }

  practice = {
    start: async (request?: PracticeStartRequest): Promise<SignInResult> => {
      this.practiceStarts.push(request)
      this.status = {
        ...this.status,
        configured: true,
        baseUrl: this.practiceSite.baseUrl,
        siteNumber: this.practiceSite.siteNumber,
        username: request?.userName ?? 'jadams',
        practice: true
      }
      return { status: this.status, check: 'accepted', account: null }
    },
    site: async (): Promise<PracticeSite> => structuredClone(this.practiceSite)
  }

  delivery = {
    send: async (batch: { siteKey: string; items: SendItem[] }) => {
      this.sentBatches.push(batch.items)
      this.sentSiteKeys.push(batch.siteKey)
      return this.sendAnswer(batch.items)
    },
    stop: async (request: { siteKey: string }) => {
      this.stops.push(request.siteKey)
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

  sites = {
    find: (request: FindSitesRequest) => {
      this.findSitesRequests.push(request)
      return this.findSitesAnswer(request)
    }
  }
  account = { get: async () => this.#answer('account', () => this.data.account) }
  types = {
    list: async () => this.#answer('types', () => this.#listed('types', this.data.connectionTypes))
  }
  responses = {
    list: async (request: { typeId: number }) =>
      this.#answer('responses', () =>
        this.#listed('responses', this.data.responses.get(request.typeId) ?? [])
      )
  }
  teams = {
    list: async () => this.#answer('teams', () => this.#listed('teams', this.data.teams))
  }
  assignments = {
    summary: async (request: PageRequest) =>
      this.#answer('summary', () => this.#page('summary', this.#summary(), request), request),
    list: async (request: PageRequest & { typeId: number }) =>
      this.#answer(
        'assignments',
        () =>
          this.#page(
            'assignments',
            this.#open().filter((connection) => connection.typeId === request.typeId),
            request
          ),
        request
      )
  }
  connections = {
    get: async (request: { connectionId: number }) =>
      this.#answer('connection', () => {
        const found = this.data.connections.find((each) => each.id === request.connectionId)
        if (!found) throw new NotFoundError(`The site found no connection ${request.connectionId}`)
        return found
      }),
    ofPerson: async (request: PageRequest & { personId: number }) =>
      this.#answer(
        'personConnections',
        () =>
          this.#page(
            'personConnections',
            this.data.connections.filter(
              (each) =>
                each.contact?.id === request.personId ||
                each.teamMembers.some((member) => member.id === request.personId)
            ),
            request
          ),
        request
      )
  }
  people = {
    search: async (request: PageRequest & { query: string }) =>
      this.#answer('people', () => this.#page('people', this.data.people, request), request),
    get: async (request: { personId: number }) =>
      this.#answer('people', () => {
        const found = this.data.people.find((each) => each.id === request.personId)
        if (!found) throw new NotFoundError(`The site found no person ${request.personId}`)
        return found
      })
  }

  /** The main process's backup copy, kept in memory as its file would keep it. */
  backupCopies = createBackupCopies()
  /** Set to make every backup request fail, as a full disk would. */
  backupFailure: Error | null = null

  backup = {
    keep: async (results: BackedUpResult[]) => {
      this.#failBackup()
      for (const result of results) this.backupCopies.apply({ keep: structuredClone(result) })
    },
    drop: async (request: { siteKey: string; ids: string[] }) => {
      this.#failBackup()
      this.backupCopies.apply({ drop: structuredClone(request) })
    },
    list: async (request: { siteKey: string }) => {
      this.#failBackup()
      return structuredClone(this.backupCopies.list(request.siteKey))
    }
  }

  #failBackup(): void {
    if (this.backupFailure) throw this.backupFailure
  }

  links = { open: async () => {} }

  updateState: UpdateState = { status: 'off' }
  restartAnswer: RestartResult = { kind: 'restarting' }
  restarts = 0
  #updateListeners = new Set<(state: UpdateState) => void>()
  updates = {
    state: async () => this.updateState,
    restart: async () => {
      this.restarts++
      return this.restartAnswer
    },
    onStateChanged: (listener: (state: UpdateState) => void) => {
      this.#updateListeners.add(listener)
      return () => this.#updateListeners.delete(listener)
    }
  }

  diagnosticsSaves: OutboxSummary[] = []
  diagnosticsAnswer: DiagnosticsResult = { saved: true, fileName: 'diagnostics.zip' }
  #diagnosticsListeners = new Set<() => void>()
  diagnostics = {
    save: async (request: { outbox: OutboxSummary }) => {
      this.diagnosticsSaves.push(request.outbox)
      return this.diagnosticsAnswer
    },
    onRequested: (listener: () => void) => {
      this.#diagnosticsListeners.add(listener)
      return () => this.#diagnosticsListeners.delete(listener)
    }
  }

  pdfSaves: SavePdfRequest[] = []
  sheets = {
    savePdf: async (request: SavePdfRequest) => {
      this.pdfSaves.push(request)
      return { saved: true, fileName: `${request.suggestedName}.pdf` }
    }
  }

  errorReports: RendererError[] = []
  errors = {
    report: async (error: RendererError) => {
      this.errorReports.push(error)
    }
  }

  changeUpdateState(state: UpdateState): void {
    this.updateState = state
    for (const listener of this.#updateListeners) listener(state)
  }

  requestDiagnostics(): void {
    for (const listener of this.#diagnosticsListeners) listener()
  }

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
    paging?: { pageIndex: number; pageSize: number }
  ): Promise<T> {
    this.lookupCalls.push({
      name,
      ...(paging ? { pageIndex: paging.pageIndex, pageSize: paging.pageSize } : {})
    })
    const failure = this.failures.get(name)
    if (
      failure &&
      (failure.fromPage === undefined || (paging?.pageIndex ?? 0) >= failure.fromPage)
    ) {
      throw failure.error
    }
    // Copies, as the bridge's structured clone would give.
    return structuredClone(produce())
  }

  #listed<T>(name: LookupName, items: T[]): { items: T[]; skipped: number } {
    return { items, skipped: this.data.skipped[name] ?? 0 }
  }

  #page<T>(name: LookupName, all: readonly T[], request: PageRequest): Page<T> {
    const start = request.pageIndex * request.pageSize
    const pageCount = Math.ceil(all.length / request.pageSize)
    return {
      items: all.slice(start, start + request.pageSize),
      skipped: request.pageIndex === 0 ? (this.data.skipped[name] ?? 0) : 0,
      pageIndex: request.pageIndex,
      pageCount,
      pageSize: request.pageSize,
      last: request.pageIndex + 1 >= pageCount
    }
  }

  #open(): Connection[] {
    return this.data.connections.filter((connection) => !connection.completed)
  }

  #summary(): AssignmentSummary[] {
    return this.data.connectionTypes.flatMap((type) => {
      const open = this.#open().filter((connection) => connection.typeId === type.id)
      if (open.length === 0) return []
      const dated = open
        .map((connection) => connection.dueDate)
        .filter((due) => due !== '')
        .sort((a, b) => Date.parse(a) - Date.parse(b))
      return [
        {
          typeId: type.id,
          typeName: type.name,
          colour: type.colour,
          earliestDueDate: dated[0] ?? '',
          total: open.length
        }
      ]
    })
  }
}
