import type {
  CredentialStatus,
  DeliveryState,
  DiagnosticsResult,
  EmailSignInRequest,
  FindSitesRequest,
  OutboxSummary,
  RendererError,
  RestartResult,
  SavePdfRequest,
  SavePdfResult,
  OutboxReport,
  PracticeSite,
  PracticeStartRequest,
  SendBatchRequest,
  SendBatchResult,
  SignInRequest,
  SignInResult,
  UpdateState,
  WakeReason
} from './channels'
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
} from '../lookups'
import type { BackedUpResult, BackupListing } from '../outbox/result-backup'

type Unsubscribe = () => void

/**
 * What the page sees as `window.desk`: built by src/shared/bridge/build-desk-api.ts from a
 * transport (Electron's ipcRenderer in the app, a test transport in the browser harness).
 * Every method validates what it sends and what it gets back; failures arrive as the typed
 * errors of src/shared/errors.ts.
 */
export interface DeskApi {
  credentials: {
    status(): Promise<CredentialStatus>
    /** The older path: site number, user name and password. */
    signIn(request: SignInRequest): Promise<SignInResult>
    /** E-mail and password, at one of the sites `sites.find` listed. */
    signInWithEmail(request: EmailSignInRequest): Promise<SignInResult>
    signOut(): Promise<CredentialStatus>
  }
  sites: {
    /** The sites an e-mail and password may sign in to; saves nothing. */
    find(request: FindSitesRequest): Promise<Account[]>
  }
  account: {
    /** The signed-in user and their rights, fresh from the site. */
    get(): Promise<Account>
  }
  types: {
    list(): Promise<Listed<ConnectionType>>
  }
  responses: {
    list(request: { typeId: number }): Promise<Listed<ConnectionResponse>>
  }
  teams: {
    list(): Promise<Listed<Team>>
  }
  assignments: {
    /** Per connection type: how many open assignments, the earliest due date. */
    summary(request: PageRequest): Promise<Page<AssignmentSummary>>
    list(request: PageRequest & { typeId: number }): Promise<Page<Connection>>
  }
  connections: {
    get(request: { connectionId: number }): Promise<Connection>
    ofPerson(request: PageRequest & { personId: number }): Promise<Page<Connection>>
  }
  people: {
    /** `%` matches any run of characters; `%` alone lists everyone. */
    search(request: PageRequest & { query: string }): Promise<Page<Person>>
    get(request: { personId: number }): Promise<Person>
  }
  practice: {
    /** Starts the built-in practice site and signs in to it, as its administrator by default. */
    start(request?: PracticeStartRequest): Promise<SignInResult>
    /** Starts the practice site if needed and says where it runs and who its users are. */
    site(): Promise<PracticeSite>
  }
  delivery: {
    /** One batch of one site's outbox; items of another site than the signed-in one are not sent. */
    send(batch: SendBatchRequest): Promise<SendBatchResult>
    /** Stops this site's delivery: the batch that is out starts no new request. */
    stop(request: { siteKey: string }): Promise<void>
    report(report: OutboxReport): Promise<void>
    state(): Promise<DeliveryState>
    onWake(listener: (event: { reason: WakeReason }) => void): Unsubscribe
    onStateChanged(listener: (state: DeliveryState) => void): Unsubscribe
  }
  backup: {
    /** Writes (or rewrites, after an edit) the second copy of these unsent results. */
    keep(results: BackedUpResult[]): Promise<void>
    /** Forgets the copies of a site's results that were sent or thrown away. */
    drop(request: { siteKey: string; ids: string[] }): Promise<void>
    /** A site's results still backed up, to restore what its outbox lost. */
    list(request: { siteKey: string }): Promise<BackupListing>
  }
  links: {
    open(url: string): Promise<void>
  }
  updates: {
    state(): Promise<UpdateState>
    /** Restarts into a downloaded update, once nothing is being sent. */
    restart(): Promise<RestartResult>
    onStateChanged(listener: (state: UpdateState) => void): Unsubscribe
  }
  diagnostics: {
    /** Asks where to save, then writes the zip with the logs and these counts. */
    save(request: { outbox: OutboxSummary }): Promise<DiagnosticsResult>
    /** The menu's Save Diagnostics…: the page answers with save(). */
    onRequested(listener: () => void): Unsubscribe
  }
  sheets: {
    /** Asks where to save, then writes this window, as printed, into a PDF there. */
    savePdf(request: SavePdfRequest): Promise<SavePdfResult>
  }
  errors: {
    /** An uncaught error in the page, for the main process's log. */
    report(error: RendererError): Promise<void>
  }
}
