import type {
  CredentialStatus,
  DeliveryState,
  DiagnosticsResult,
  OutboxSummary,
  RendererError,
  RestartResult,
  UpdateState,
  OutboxReport,
  SendBatchRequest,
  SendBatchResult,
  SignInRequest,
  SignInResult,
  WakeReason
} from './channels'
import type {
  ConnectionDetails,
  ConnectionResponse,
  ConnectionType,
  Individual,
  Paged,
  Team
} from '../lookups'

type Unsubscribe = () => void

/**
 * What the page sees as `window.desk`: built by src/preload/build-desk-api.ts from a
 * transport (Electron's ipcRenderer in the app, a test transport in the browser harness).
 * Every method validates what it sends and what it gets back; failures arrive as the typed
 * errors of src/shared/errors.ts.
 */
export interface DeskApi {
  credentials: {
    status(): Promise<CredentialStatus>
    signIn(request: SignInRequest): Promise<SignInResult>
    signOut(): Promise<CredentialStatus>
  }
  practice: {
    /** Starts the built-in practice site and signs in to it. */
    start(): Promise<SignInResult>
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
  lookups: {
    connectionTypes(): Promise<ConnectionType[]>
    responses(request: { connectionTypeId: number }): Promise<ConnectionResponse[]>
    teams(): Promise<Team[]>
    people(request: { page: number; pageSize: number }): Promise<Paged<Individual>>
    connections(request: {
      status: 'open' | 'all'
      page: number
      pageSize: number
    }): Promise<Paged<ConnectionDetails>>
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
  errors: {
    /** An uncaught error in the page, for the main process's log. */
    report(error: RendererError): Promise<void>
  }
}
