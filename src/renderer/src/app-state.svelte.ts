import type { DeskApi } from '../../shared/bridge/desk-api'
import type { DeskError } from '../../shared/errors'
import type { Account } from '../../shared/lookups'
import type { OutboxItem } from '../../shared/outbox/outbox-item'
import { Clock } from './state/clock.svelte'
import { savedMessage } from './state/saved-message'
import type { SiteRegistry, SiteUnsentCount } from './db/site-registry'
import { toDeskError } from '../../shared/errors'
import { accountInUse, appReadOnlyReason } from './state/entry-rights'
import { SessionState } from './state/session-state.svelte'
import { settledWithin } from './state/settled-within'
import { PersonConnectionsState } from './state/person-connections-state.svelte'
import { openSiteStates, type SiteStates } from './state/site-states'

export const SCREENS = ['connections', 'new-connection', 'outbox', 'history', 'people'] as const
export type ScreenName = (typeof SCREENS)[number]

/** A form open over a screen: a result for a connection of the list, or an unsent item's edit. */
export type Task =
  /**
   * `date`: the connection date of the result saved just before by "Save and next";
   * `sheetNumber`: opened from a call sheet, so "Save and next" follows the sheet's order.
   */
  | { kind: 'result'; connectionId: number; date?: string; sheetNumber?: number }
  | { kind: 'edit'; itemId: string }
  /** On "Find a person": a result for one of the found person's connections. */
  | { kind: 'person-result'; connectionId: number }
  /** On "Find a person": a new connection for the found person. */
  | { kind: 'person-new' }

/** What the window shows as a whole. */
export type AppView = 'loading' | 'sign-in' | 'opening' | 'site-error' | 'desk'

/**
 * How long a sign-out or change of site waits for the open site's batch to be answered
 * and its answers written, before it goes ahead anyway (the client gives up after 30 s).
 */
export const SITE_CHANGE_WAIT_MS = 15_000

export const UNANSWERED_NOTICE =
  'Access ACS had not answered the last results sent before the sign-in changed. They stay on this computer and are checked again the next time you sign in to their site.'

export interface AppStateOptions {
  desk: DeskApi
  registry: SiteRegistry
  /** Opens a site's states; openSiteStates by default. */
  openSite?: (siteKey: string) => Promise<SiteStates>
  clock?: Clock
  siteChangeWaitMs?: number
}

/**
 * The app as a whole: who is signed in, the open site's states, which screen is shown and
 * which form is open on it. A site's states are opened when a sign-in names it and closed
 * on sign-out or a change of site; its unsent results stay in its own database and go out
 * after the next sign-in to it, so nothing here ever deletes them.
 */
export class AppState {
  readonly session: SessionState
  readonly clock: Clock
  #site = $state.raw<SiteStates | null>(null)
  #person = $state.raw<PersonConnectionsState | null>(null)
  #loaded = $state(false)
  #opening = $state(false)
  #siteError = $state.raw<DeskError | null>(null)
  #screen = $state<ScreenName>('connections')
  #task = $state.raw<Task | null>(null)
  #selectedConnectionId = $state<number | null>(null)
  #signInAsked = $state(false)
  #notice = $state<string | null>(null)
  #otherSites = $state.raw<SiteUnsentCount[]>([])
  #confirmingSignOut = $state(false)

  readonly #registry: SiteRegistry
  readonly #openSite: (siteKey: string) => Promise<SiteStates>
  /** Site changes run one after another, so a quick sign-out and sign-in cannot interleave. */
  #siteChange: Promise<void> = Promise.resolve()
  readonly #siteChangeWaitMs: number
  #stopTicking: (() => void) | undefined

  constructor(options: AppStateOptions) {
    this.#registry = options.registry
    this.#openSite =
      options.openSite ?? ((siteKey) => openSiteStates(options.desk, siteKey, options.registry))
    this.clock = options.clock ?? new Clock()
    this.#siteChangeWaitMs = options.siteChangeWaitMs ?? SITE_CHANGE_WAIT_MS
    this.session = new SessionState(options.desk, {
      beforeChange: () => this.#haltSite(),
      onChangeRefused: () => this.#queue(async () => this.#site?.resumeDelivery()),
      onSignedIn: () => this.#afterSignIn(),
      onSignedOut: () => this.#followSession()
    })
  }

  get view(): AppView {
    if (!this.#loaded) return 'loading'
    if (!this.session.signedIn || this.#signInAsked) return 'sign-in'
    if (this.#siteError) return 'site-error'
    if (this.#opening || !this.#site) return 'opening'
    return 'desk'
  }

  get site(): SiteStates | null {
    return this.#site
  }

  /** "Find a person": the person found on the open site and their connections. */
  get person(): PersonConnectionsState | null {
    return this.#person
  }

  get siteError(): DeskError | null {
    return this.#siteError
  }

  get screen(): ScreenName {
    return this.#screen
  }

  get task(): Task | null {
    return this.#task
  }

  get selectedConnectionId(): number | null {
    return this.#selectedConnectionId
  }

  /** The clerk asked to sign in again (the queue paused on a 401), while still signed in. */
  get signInAsked(): boolean {
    return this.#signInAsked
  }

  /** The last thing done, for the screen's polite announcement ("Saved: …"). */
  get notice(): string | null {
    return this.#notice
  }

  /** Unsent results kept for sites other than the open one. */
  get otherSites(): SiteUnsentCount[] {
    return this.#otherSites
  }

  /**
   * The signed-in user with their rights: as the sign-in answered, else the site's saved
   * copy when it is the same user's; null when not known (an offline first sign-in).
   */
  get account(): Account | null {
    return accountInUse(
      this.session.account,
      this.#site?.reference.account ?? null,
      this.session.username
    )
  }

  /** Why this user may not enter results at this site at all, or null when they may. */
  get readOnlyReason(): string | null {
    return appReadOnlyReason(this.account)
  }

  /** Who the forms record as the capturer. */
  get capturedBy(): string {
    return this.session.username ?? 'unknown'
  }

  /** Reads who is signed in and opens that site. */
  async start(): Promise<void> {
    this.clock.start()
    this.#stopTicking = this.clock.onTick((now) => this.#site?.connections.setToday(now))
    await this.session.load()
    this.#loaded = true
    await this.#followSession()
    await this.loadOtherSites()
  }

  /** Closes the open site (its results stay saved) and stops the clock. */
  stop(): void {
    this.clock.stop()
    this.#stopTicking?.()
    this.#site?.close()
    this.#site = null
  }

  go(screen: ScreenName): void {
    this.#screen = screen
    this.#task = null
    this.#signInAsked = false
  }

  select(connectionId: number): void {
    this.#selectedConnectionId = connectionId
  }

  openResult(connectionId: number, date?: string, sheetNumber?: number): void {
    this.#screen = 'connections'
    this.#selectedConnectionId = connectionId
    this.#task = {
      kind: 'result',
      connectionId,
      ...(date === undefined ? {} : { date }),
      ...(sheetNumber === undefined ? {} : { sheetNumber })
    }
  }

  openEdit(itemId: string): void {
    this.#screen = 'outbox'
    this.#task = { kind: 'edit', itemId }
  }

  /** A result for one of the found person's connections, over "Find a person". */
  openPersonResult(connectionId: number): void {
    this.#screen = 'people'
    this.#task = { kind: 'person-result', connectionId }
  }

  /** A new connection for the found person, over "Find a person". */
  openPersonNew(): void {
    if (!this.#person?.person) return
    this.#screen = 'people'
    this.#task = { kind: 'person-new' }
  }

  /**
   * A form over "Find a person" saved: back to the person's connections, which show it as
   * unsent. "Save and next" of a new connection keeps the (emptied) form for another one.
   */
  savedForPerson(item: OutboxItem, next: boolean): void {
    if (next && this.#task?.kind === 'person-new') {
      this.#notice = null
      return
    }
    this.#notice = savedMessage(item)
    this.#task = null
  }

  closeTask(): void {
    this.#task = null
  }

  /**
   * A form saved. "Save and next" opens the result form on the next connection of the list
   * as it is filtered and sorted now, with the same date (a stack of cards from one evening
   * of calls); otherwise the screen comes back.
   */
  saved(item: OutboxItem, next: boolean): void {
    this.#notice = savedMessage(item)
    const task = this.#task
    if (next && task?.kind === 'result' && task.sheetNumber !== undefined) {
      this.#task = null
      void this.#openNextOnSheet(task.sheetNumber, item.body.ConnectionDate)
      return
    }
    if (next && task?.kind === 'result') {
      const following = this.#nextConnectionAfter(task.connectionId)
      if (following !== null) {
        this.openResult(following, item.body.ConnectionDate)
        return
      }
      this.#notice += ' That was the last connection in the list.'
    }
    this.#task = null
  }

  /**
   * A new connection saved. "Save and next" keeps the (emptied) form for the next paper
   * card, which says itself that the last one was saved; otherwise the list comes back.
   */
  savedNewConnection(item: OutboxItem, next: boolean): void {
    if (next) {
      this.#notice = null
      return
    }
    this.#notice = savedMessage(item)
    this.go('connections')
  }

  say(notice: string | null): void {
    this.#notice = notice
  }

  askSignIn(): void {
    this.#signInAsked = true
    this.session.clearError()
  }

  cancelSignIn(): void {
    this.#signInAsked = false
    this.session.clearError()
  }

  /** After a site failed to open: try again. */
  async retryOpen(): Promise<void> {
    await this.#followSession()
  }

  /** "Sign out" was pressed while results wait: the clerk is asked first. */
  get confirmingSignOut(): boolean {
    return this.#confirmingSignOut
  }

  /**
   * Signs out at once when nothing waits; otherwise asks first, since nothing is sent while
   * nobody is signed in (the results stay saved for the next sign-in to this site).
   */
  requestSignOut(): Promise<void> {
    if ((this.#site?.outbox.count ?? 0) > 0) {
      this.#confirmingSignOut = true
      return Promise.resolve()
    }
    return this.signOut()
  }

  cancelSignOut(): void {
    this.#confirmingSignOut = false
  }

  async signOut(): Promise<void> {
    this.#confirmingSignOut = false
    this.#notice = null
    await this.session.signOut()
    await this.loadOtherSites()
  }

  /** Counts what waits on every known site but the open one, for the sign-in screen. */
  async loadOtherSites(): Promise<void> {
    try {
      const counts = await this.#registry.unsentCounts()
      const open = this.#site?.siteKey
      this.#otherSites = counts.filter((site) => site.siteKey !== open && site.unsentCount > 0)
    } catch (error) {
      this.#siteError = toDeskError(error)
    }
  }

  async #afterSignIn(): Promise<void> {
    this.#signInAsked = false
    await this.#queue(() => this.#switchSite({ afterSignIn: true }))
  }

  /**
   * Keeps the account the sign-in answered and starts the download of fresh reference data
   * (its failures are kept by the reference state; it runs in the background). Called before
   * the site is shown: the first screen already says "Refreshing data…", never a "Refresh
   * data" that offers the saved copy (another user's type rights, perhaps) as settled.
   */
  async #refreshAfterSignIn(site: SiteStates): Promise<void> {
    const account = this.session.account
    if (account) await site.reference.rememberAccount(account)
    void site.reference.refresh()
  }

  /**
   * The order of a change of session, kept here alone: the open site stops delivering and
   * the batch it has out is answered and recorded (bounded) before the sign-in or sign-out
   * reaches the main process; only after it does #switchSite close the old database.
   */
  #haltSite(): Promise<void> {
    return this.#queue(async () => {
      const site = this.#site
      if (!site) return
      if (!(await settledWithin(site.haltDelivery(), this.#siteChangeWaitMs))) {
        this.#notice = UNANSWERED_NOTICE
      }
    })
  }

  /** Opens the site the session names, closing another one first. */
  #followSession(): Promise<void> {
    return this.#queue(() => this.#switchSite())
  }

  #queue(step: () => Promise<void>): Promise<void> {
    const next = this.#siteChange.then(step)
    this.#siteChange = next.catch((error: unknown) => {
      this.#siteError = toDeskError(error)
    })
    return next
  }

  async #switchSite({ afterSignIn = false }: { afterSignIn?: boolean } = {}): Promise<void> {
    const wanted = this.session.signedIn ? this.session.siteKey : null
    const current = this.#site
    if (current?.siteKey === wanted && !this.#siteError) {
      // Signed in again to the same site (after a 401, say): its delivery goes on.
      current.resumeDelivery()
      if (afterSignIn) await this.#refreshAfterSignIn(current)
      return
    }
    if (current) {
      current.close()
      this.#site = null
      this.#person = null
      this.#task = null
      this.#selectedConnectionId = null
    }
    this.#siteError = null
    if (wanted === null) return
    // A new site opens on its connections, unless the clerk asks for another screen (Alt+N)
    // while its saved results are still being read.
    this.#screen = 'connections'
    this.#opening = true
    let site: SiteStates | null = null
    try {
      site = await this.#openSite(wanted)
      await site.start()
      site.connections.setToday(this.clock.now)
      if (afterSignIn) await this.#refreshAfterSignIn(site)
      this.#site = site
      this.#person = new PersonConnectionsState(site.lookup)
    } catch (error) {
      site?.close()
      this.#siteError = toDeskError(error)
    } finally {
      this.#opening = false
    }
  }

  /** "Save and next" on a result keyed in from a call sheet: the sheet's next number. */
  async #openNextOnSheet(sheetNumber: number, date: string): Promise<void> {
    const site = this.#site
    if (!site) return
    try {
      const next = await site.sheets.after(sheetNumber)
      if (this.#site !== site || this.#task !== null) return
      if (next) this.openResult(next.connectionId, date, next.number)
      else this.#notice += ` That was the last number on the sheets (${sheetNumber}).`
    } catch (error) {
      this.#notice += ` The next number on the sheet could not be read: ${toDeskError(error).message}`
    }
  }

  #nextConnectionAfter(connectionId: number): number | null {
    const rows = this.#site?.connections.rows ?? []
    const index = rows.findIndex((row) => row.connection.id === connectionId)
    if (index < 0) return null
    return rows[index + 1]?.connection.id ?? null
  }
}
