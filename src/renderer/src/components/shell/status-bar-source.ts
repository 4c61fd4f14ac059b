import type { StatusState } from '../../state/status-state.svelte'

/** What the status bar reads: StatusState in the app. */
export type StatusBarSource = Pick<
  StatusState,
  | 'online'
  | 'paused'
  | 'pauseReason'
  | 'lastSuccessAt'
  | 'waitingCount'
  | 'sending'
  | 'progress'
  | 'deliveryError'
  | 'restoredCount'
  | 'dataAsOf'
  | 'refreshingData'
  | 'oldestWaitingAgeMs'
  | 'isDataStale'
>
