/** What the app knows of its outbox when the clerk asks to restart for an update. */
export interface OutboxNow {
  /** A batch is out at the site, or its answers are not written back yet. */
  busy: boolean
  unsentCount: number
}

export type RestartStep =
  | { kind: 'not-ready'; message: string }
  | { kind: 'confirm-unsent'; unsentCount: number }
  | { kind: 'wait-for-outbox' }
  | { kind: 'restart' }

/**
 * The next step towards a restart for an update. The app never restarts while results are
 * being sent: it waits for the outbox to be idle first. Unsent results stay on this
 * computer, but the clerk is asked first, as when closing the app.
 */
export function nextRestartStep(
  updateReady: boolean,
  outbox: OutboxNow,
  unsentConfirmed: boolean
): RestartStep {
  if (!updateReady) {
    return { kind: 'not-ready', message: 'No update has been downloaded yet.' }
  }
  if (outbox.unsentCount > 0 && !unsentConfirmed) {
    return { kind: 'confirm-unsent', unsentCount: outbox.unsentCount }
  }
  if (outbox.busy) return { kind: 'wait-for-outbox' }
  return { kind: 'restart' }
}
