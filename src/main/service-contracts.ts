import type {
  CredentialStatus,
  DeliveryState,
  DiagnosticsResult,
  OutboxReport,
  OutboxSummary,
  RendererError,
  RestartResult,
  SavePdfRequest,
  SavePdfResult,
  SendBatchRequest,
  SendBatchResult,
  UpdateState
} from '../shared/bridge/channels'
import type {
  Account,
  AssignmentSummary,
  Connection,
  ConnectionResponse,
  ConnectionType,
  Listed,
  Page,
  PageRequest,
  Person,
  Team
} from '../shared/lookups'
import type { BackedUpResult, BackupListing } from '../shared/outbox/result-backup'

/**
 * The services the bridge handlers are built from. Each is free of Electron: the wiring in
 * index.ts hands them safeStorage, the store, the window and so on.
 */

/** Site credentials. The password never leaves the main process. */
export interface Credentials {
  baseUrl: string
  siteNumber: number
  username: string
  password: string
}

/** Credentials and the key of the site they belong to (src/shared/site-key.ts), read together. */
export interface SiteCredentials extends Credentials {
  siteKey: string
  /**
   * Other keys of this same site: the practice site running in this app, signed in to
   * through the church form, is the practice site (its key leaves the port out).
   */
  sameSiteKeys: string[]
}

export interface CredentialVault {
  status(): Promise<CredentialStatus>
  /** The credentials to send with, or null when nobody is signed in. */
  current(): Promise<Credentials | null>
  /** The same, with the key of their site, read together (delivery checks it per batch). */
  currentSite(): Promise<SiteCredentials | null>
  save(
    credentials: Credentials,
    options: { practice: boolean; persistWithoutKeychain: boolean }
  ): Promise<CredentialStatus>
  clear(): Promise<CredentialStatus>
}

/** Checking a sign-in: the site said yes (with the account), or could not be reached. */
export type SignInCheck =
  { check: 'accepted'; account: Account } | { check: 'offline'; account: null }

export interface AcsApi {
  /**
   * `GET /{site}/account` with the typed pair: accepted with the account, offline when the
   * site could not be reached or was failing (checked again on the first send), or
   * CredentialsRejectedError when the site said no.
   */
  checkSignIn(credentials: Credentials): Promise<SignInCheck>
  /** `PUT /accounts/findbyemail`: the sites the pair may sign in to (no site, no Basic auth). */
  findSites(baseUrl: string, email: string, password: string): Promise<Account[]>
  /** `GET /{site}/account`: the signed-in user; CredentialsRejectedError on a wrong pair. */
  account(credentials: Credentials): Promise<Account>
  connectionTypes(credentials: Credentials): Promise<Listed<ConnectionType>>
  responses(credentials: Credentials, typeId: number): Promise<Listed<ConnectionResponse>>
  teams(credentials: Credentials): Promise<Listed<Team>>
  assignmentSummary(credentials: Credentials, page: PageRequest): Promise<Page<AssignmentSummary>>
  assignments(
    credentials: Credentials,
    typeId: number,
    page: PageRequest
  ): Promise<Page<Connection>>
  connection(credentials: Credentials, connectionId: number): Promise<Connection>
  personConnections(
    credentials: Credentials,
    personId: number,
    page: PageRequest
  ): Promise<Page<Connection>>
  people(credentials: Credentials, query: string, page: PageRequest): Promise<Page<Person>>
  person(credentials: Credentials, personId: number): Promise<Person>
}

/** The second copy of unsent results, outside Chromium's storage (result-backup-file.ts). */
export interface ResultBackup {
  /** Resolves once the copies are on disk. */
  keep(results: readonly BackedUpResult[]): Promise<void>
  drop(siteKey: string, ids: readonly string[]): Promise<void>
  list(siteKey: string): Promise<BackupListing>
}

/** The main process's side of delivery: when to send, and the sending itself. */
export interface DeliveryService {
  /**
   * Sends one batch of one site's outbox; `senderId` names the window, so only one window
   * sends at a time. Items of a site other than the signed-in one come back not attempted.
   */
  sendBatch(batch: SendBatchRequest, senderId: number): Promise<SendBatchResult>
  /** The page stops delivering this site: its batch that is out starts no new request. */
  stop(siteKey: string, senderId: number): void
  /** The page's view of its outbox: for retry timers and the quit confirmation. */
  report(report: OutboxReport, senderId: number): void
  state(): DeliveryState
  /** A successful sign-in ends a 401 pause. */
  resume(): void
}

/** Where the running practice site is, and whom to sign in as. */
export interface PracticeSignIn {
  baseUrl: string
  username: string
  password: string
  siteNumber: number
}

export interface PracticeSiteHost {
  /** Starts the practice site (once; later calls share it) and says where it is. */
  start(): Promise<PracticeSignIn>
  /**
   * The running site's base URL, or null before it has started. It changes with every
   * start of the app (a new port), so it is asked for, never stored.
   */
  address(): string | null
  stop(): Promise<void>
}

export interface ExternalLinks {
  /** Opens allowlisted https URLs in the system browser; refuses anything else. */
  open(url: string): Promise<void>
}

/** Call sheets as a PDF file (src/main/sheets/save-sheets-pdf.ts, src/main/electron-sheets.ts). */
export interface SheetsService {
  savePdf(request: SavePdfRequest, senderId: number): Promise<SavePdfResult>
}

/** Updates, diagnostics and the page's error reports (src/main/electron-support.ts). */
export interface SupportService {
  updateState(): UpdateState
  /** The clerk asked to restart into a downloaded update. */
  restartForUpdate(): Promise<RestartResult>
  saveDiagnostics(outbox: OutboxSummary): Promise<DiagnosticsResult>
  /** An uncaught error in the page, for the main log. */
  reportRendererError(error: RendererError): void
}
