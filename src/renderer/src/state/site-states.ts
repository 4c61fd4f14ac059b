import type { DeskApi } from '$shared/bridge/desk-api'
import { ConnectionLookup } from '../data/connection-lookup'
import { ReferenceSync } from '../data/reference-sync'
import type { DeskDatabase } from '../db/desk-database'
import { deskOutboxBackup } from '../db/outbox-backup'
import { OutboxRepository } from '../db/outbox-repository'
import type { SiteRegistry } from '../db/site-registry'
import { CallSheetsState } from '../features/call-sheets/call-sheets-state.svelte'
import { ConnectionsListState } from './connections-list-state.svelte'
import { DetailsMemory } from './details-memory.svelte'
import { FollowUpCheck } from '../data/follow-up-check'
import { FollowUpState } from './follow-up-state.svelte'
import { HistoryState } from './history-state.svelte'
import { OutboxState } from './outbox-state.svelte'
import { ReferenceState } from './reference-state.svelte'
import { StatusState } from './status-state.svelte'

/** Everything the screens need for one signed-in site. */
export interface SiteStates {
  siteKey: string
  database: DeskDatabase
  repository: OutboxRepository
  outbox: OutboxState
  history: HistoryState
  reference: ReferenceState
  connections: ConnectionsListState
  /** The connections' details fetched so far, for the lists' last comments. */
  details: DetailsMemory
  /** A connection's details and a person's connections, online or as last fetched. */
  lookup: ConnectionLookup
  status: StatusState
  /** Whether sent results were applied: checked at start, after each refresh, on demand. */
  followUp: FollowUpState
  /** Call sheets to print, and their numbers to key results back in by. */
  sheets: CallSheetsState
  /**
   * Recovers results left `sending`, loads the lists, listens to the main process, and
   * starts the reference data (refreshed in the background when over a day old).
   */
  start(): Promise<void>
  /**
   * Before a sign-out or a change of site reaches the main process: stops this site's
   * delivery and resolves once the batch out is answered and its answers are written.
   */
  haltDelivery(): Promise<void>
  /** Delivery goes on after a halt (the sign-in failed, or named this same site). */
  resumeDelivery(): void
  /** Stops listening and closes the database: on sign-out or when switching sites. */
  close(): void
}

export interface SiteStatesOptions {
  now?: () => number
}

/**
 * Opens the site's own database (registering it, so its unsent results can always be
 * found again) and builds the state classes on it. The app's entry calls this with
 * `window.desk` once SessionState has a siteKey, and again after a change of site; after a
 * sign-in it calls `reference.refresh()`.
 */
export async function openSiteStates(
  desk: DeskApi,
  siteKey: string,
  registry: SiteRegistry,
  options: SiteStatesOptions = {}
): Promise<SiteStates> {
  const now = options.now ?? Date.now
  const database = await registry.open(siteKey)
  const repository = new OutboxRepository(database, {
    now,
    backup: deskOutboxBackup(desk, siteKey),
    onBackupError: (error) => outbox.backupFailed(error)
  })
  const outbox = new OutboxState({ repository, desk, now })
  const history = new HistoryState(repository)
  // The check reads the teams' sizes when it runs, after the reference state exists.
  const check = new FollowUpCheck(
    database,
    repository,
    desk,
    () => new Map(reference.teams.map((team) => [team.id, team.memberCount])),
    { now }
  )
  const followUp = new FollowUpState({
    db: database,
    repository,
    check,
    now,
    afterCheck: () => void history.load()
  })
  const reference = new ReferenceState(database, new ReferenceSync(database, desk, { now }), {
    now,
    afterRefresh: () => void followUp.checkNow()
  })
  const details = new DetailsMemory()
  const connections = new ConnectionsListState(reference, outbox, now(), details)
  const status = new StatusState({ desk, outbox, reference })
  const lookup = new ConnectionLookup(database, desk, { now })
  const sheets = new CallSheetsState({ database, reference, desk, now })

  return {
    siteKey,
    database,
    repository,
    outbox,
    history,
    reference,
    connections,
    details,
    lookup,
    status,
    followUp,
    sheets,
    async start() {
      await status.start()
      await outbox.start()
      await history.load()
      // What forms fetched before, for the list's last comments (db/connection-cache.ts
      // reads one connection at a time; the list wants them all at once).
      await details.load(async () =>
        (await database.connectionDetails.toArray()).map((cached) => cached.connection)
      )
      await followUp.load()
      // In the background: the clerk never waits for a look at Access ACS.
      void followUp.checkNow()
      // ReferenceState keeps its own failures for the screen; the download may take a while.
      void reference.start()
    },
    haltDelivery: () => outbox.halt(),
    resumeDelivery: () => outbox.resume(),
    close() {
      outbox.dispose()
      status.stop()
      reference.stop()
      database.close()
    }
  }
}
