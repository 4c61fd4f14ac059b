import { connectionDateOf, operationOf } from '$shared/change-request'
import type { DeskApi } from '$shared/bridge/desk-api'
import { DeskError, SiteUnreachableError } from '$shared/errors'
import { appliedEvidence, type AppliedEvidence } from '$shared/follow-up/applied-evidence'
import { followUpOf } from '$shared/follow-up/follow-up-of'
import {
  DAY_MS,
  FOLLOW_UP_WINDOW_DAYS,
  nextFollowUp,
  type FollowUp
} from '$shared/follow-up/follow-up-state'
import { MAX_PAGE_SIZE, type Connection } from '$shared/lookups'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { readConnectionDetails } from '../db/connection-cache'
import type { DeskDatabase } from '../db/desk-database'
import { readNotAppliedAfterDays } from '../db/follow-up-settings'
import type { OutboxRepository } from '../db/outbox-repository'
import { fetchAllPages } from './fetch-pages'

export interface FollowUpCheckOptions {
  now?: () => number
  /** Looks at Access ACS at once (few: the clerk's own work goes through the same line). */
  concurrency?: number
}

export interface FollowUpCheckResult {
  /** Results looked at (sent in the last 30 days, not applied before). */
  looked: number
  /** Results seen applied by this check. */
  newlyApplied: number
  /** Access ACS could not be reached: the looks wait for the next check. */
  offline: boolean
  /** Looks Access ACS refused (rights changed, connection gone), with its words. */
  problems: number
}

type Look = { kind: 'shown'; value: Connection | Connection[] } | { kind: 'refused'; why: string }

/**
 * Looks at Access ACS for the sent results of the last 30 days that are not applied yet, a few
 * requests at a time, through the same bridge channels as the screens (`connections:get`,
 * `connections:ofPerson`), and writes each result's follow-up. Offline it looks no further
 * (the check waits for the next one) but still marks results "not applied yet" on time.
 * One check at a time: a second call joins the one running.
 */
export class FollowUpCheck {
  readonly #db: DeskDatabase
  readonly #repository: OutboxRepository
  readonly #desk: Pick<DeskApi, 'connections'>
  readonly #teamSizes: () => ReadonlyMap<number, number>
  readonly #now: () => number
  readonly #concurrency: number
  #running: Promise<FollowUpCheckResult> | undefined

  constructor(
    db: DeskDatabase,
    repository: OutboxRepository,
    desk: Pick<DeskApi, 'connections'>,
    teamSizes: () => ReadonlyMap<number, number>,
    options: FollowUpCheckOptions = {}
  ) {
    this.#db = db
    this.#repository = repository
    this.#desk = desk
    this.#teamSizes = teamSizes
    this.#now = options.now ?? Date.now
    this.#concurrency = options.concurrency ?? 3
  }

  check(): Promise<FollowUpCheckResult> {
    this.#running ??= this.#check().finally(() => {
      this.#running = undefined
    })
    return this.#running
  }

  async #check(): Promise<FollowUpCheckResult> {
    const started = this.#now()
    const days = await readNotAppliedAfterDays(this.#db)
    const recent = await this.#repository.listSentSince(started - FOLLOW_UP_WINDOW_DAYS * DAY_MS)
    // Applied is final, and an unverifiable result (nothing a look could show) stays so:
    // looking at either again would only spend requests.
    const open = recent
      .filter((item) => {
        const state = followUpOf(item)?.state
        return state !== 'applied' && state !== 'unverifiable'
      })
      .sort((left, right) => left.sequence - right.sequence)
    const claimed = new Set(
      recent.flatMap((item) => {
        const followUp = followUpOf(item)
        return followUp?.state === 'applied' && followUp.connectionId !== undefined
          ? [followUp.connectionId]
          : []
      })
    )

    const keys = [...new Set(open.map(lookKey))]
    const { looks, offline } = await this.#lookAll(keys)
    const now = this.#now()
    const teamSizes = this.#teamSizes()
    const updates: Array<{ id: string; followUp: FollowUp }> = []
    let newlyApplied = 0
    let problems = 0
    for (const item of open) {
      const current = followUpOf(item) as FollowUp
      const look = looks.get(lookKey(item))
      const earlierMembers = current.earlierMembers ?? (await this.#earlierMembers(item))
      let evidence: AppliedEvidence | undefined
      if (look?.kind === 'shown') {
        evidence = appliedEvidence({
          body: item.body,
          ...(Array.isArray(look.value)
            ? { personConnections: look.value }
            : { connection: look.value }),
          sentOn: connectionDateOf(new Date(item.receipt?.at ?? now)),
          claimed,
          teamSizes,
          ...(earlierMembers ? { earlierMembers } : {})
        })
        if (evidence.kind === 'applied') claimed.add(evidence.connectionId)
      }
      if (look?.kind === 'refused') problems++
      const withMembers =
        earlierMembers && !current.earlierMembers ? { ...current, earlierMembers } : current
      const next = nextFollowUp(withMembers, {
        ...(evidence ? { evidence } : {}),
        ...(look?.kind === 'refused' ? { problem: look.why } : {}),
        sentAt: item.receipt?.at ?? now,
        now,
        notAppliedAfterDays: days
      })
      if (next.state === 'applied' && current.state !== 'applied') newlyApplied++
      if (next !== current || item.followUp === undefined)
        updates.push({ id: item.id, followUp: next })
    }
    await this.#repository.saveFollowUps(updates)
    return { looked: open.length, newlyApplied, offline, problems }
  }

  /** A few looks at a time; the first sign of being offline stops new ones. */
  async #lookAll(keys: readonly string[]): Promise<{ looks: Map<string, Look>; offline: boolean }> {
    const looks = new Map<string, Look>()
    let offline = false
    let next = 0
    const worker = async (): Promise<void> => {
      while (!offline && next < keys.length) {
        const key = keys[next++] as string
        try {
          looks.set(key, { kind: 'shown', value: await this.#look(key) })
        } catch (error) {
          if (error instanceof SiteUnreachableError) offline = true
          else if (error instanceof DeskError)
            looks.set(key, { kind: 'refused', why: error.message })
          else throw error
        }
      }
    }
    await Promise.all(Array.from({ length: this.#concurrency }, worker))
    return { looks, offline }
  }

  async #look(key: string): Promise<Connection | Connection[]> {
    const [kind, id] = key.split(':') as [string, string]
    if (kind === 'connection') return this.#desk.connections.get({ connectionId: Number(id) })
    const fetched = await fetchAllPages(
      (pageIndex) =>
        this.#desk.connections.ofPerson({
          personId: Number(id),
          pageIndex,
          pageSize: MAX_PAGE_SIZE
        }),
      { concurrency: 1 }
    )
    return fetched.pages.flat()
  }

  /**
   * Who a reassigned connection listed before the result, from this computer's copy of its
   * details when that copy is older than the result (so it shows the connection as it was).
   */
  async #earlierMembers(item: OutboxItem): Promise<number[] | undefined> {
    if (operationOf(item.body) !== 'reassign') return undefined
    const cached = await readConnectionDetails(this.#db, item.connectionId)
    if (!cached || cached.fetchedAt > item.capturedAt) return undefined
    return cached.connection.teamMembers.map((member) => member.id)
  }
}

/** One look serves every result on the same connection, or new ones for the same person. */
function lookKey(item: OutboxItem): string {
  return item.connectionId > 0
    ? `connection:${item.connectionId}`
    : `person:${item.body.ContactIndvId ?? 0}`
}
