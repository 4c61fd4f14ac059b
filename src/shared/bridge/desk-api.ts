import type {
  CredentialStatus,
  DeliveryState,
  OutboxReport,
  SendBatchResult,
  SendItem,
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
    send(batch: { items: SendItem[] }): Promise<SendBatchResult>
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
}
