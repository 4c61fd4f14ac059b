import { expect } from 'vitest'
import { discardItem, editItem, retryNow, sendWaitingNow } from '$shared/outbox/clerk-actions'
import type { DeliveryOutcome } from '$shared/outbox/delivery-outcome'
import { nextDueAt, pickDueItems } from '$shared/outbox/delivery-order'
import {
  SENDABLE_STATES,
  UNSENT_STATES,
  type OutboxItem,
  type OutboxState,
  type SentReceipt
} from '$shared/outbox/outbox-item'
import { OutboxTransitionError } from '$shared/outbox/outbox-transition-error'
import {
  applyOutcome,
  beginSending,
  recoverAfterRestart,
  retryOnReconnect
} from '$shared/outbox/outbox-transitions'
import { bodyFor, capture, T0 } from './outbox-fixtures'

/**
 * A model of the app around the state machine: the scheduler (pickDueItems + beginSending +
 * applyOutcome), the clerk and restarts. It checks the outbox's promises after every step.
 */

export type WorldAction =
  | { kind: 'capture'; connectionId: number }
  | { kind: 'deliver'; limit: number; outcomes: DeliveryOutcome[]; crashAfter: number | null }
  | { kind: 'tick'; ms: number }
  | { kind: 'edit'; pick: number; change: boolean }
  | { kind: 'retry'; pick: number }
  | { kind: 'discard'; pick: number }
  | { kind: 'restart' }
  /** The computer's clock is set back (it was ahead). */
  | { kind: 'clock-back'; ms: number }
  /** The main process says the line is back. */
  | { kind: 'line-back' }
  /** The clerk presses "Send all now". */
  | { kind: 'send-all' }

const MINUTE = 60_000
/** The longest wait for a try that got no answer at all, or may have arrived: the backoff cap. */
const BACKOFF_CAP = 15 * MINUTE
/** The longest wait the service can ask for (Retry-After is capped at an hour). */
const RETRY_AFTER_CAP = 60 * MINUTE

const CLERK_MAY_EDIT_OR_RETRY: readonly OutboxState[] = [
  'queued',
  'waiting',
  'needs-attention',
  'unknown-outcome'
]
const CLERK_MAY_DISCARD: readonly OutboxState[] = [...CLERK_MAY_EDIT_OR_RETRY, 'discarded']

export class OutboxWorld {
  readonly items = new Map<string, OutboxItem>()
  now = T0
  /** The latest time the clock has shown: above `now` once the clock went back. */
  private latest = T0
  /** The last recorded outcome of each item: why it waits, seen from outside the machine. */
  private readonly lastOutcome = new Map<string, DeliveryOutcome>()
  private readonly capturedIds: string[] = []
  private readonly discardedByClerk = new Set<string>()
  private readonly receipts = new Map<string, SentReceipt>()
  private readonly expectedKeys = new Map<string, string>()
  /** Items in the order they became sent. */
  readonly sentOrder: OutboxItem[] = []
  private edits = 0

  list(): OutboxItem[] {
    return [...this.items.values()]
  }

  apply(action: WorldAction): void {
    switch (action.kind) {
      case 'capture':
        return this.capture(action.connectionId)
      case 'deliver':
        return this.deliver(action.limit, action.outcomes, action.crashAfter)
      case 'tick':
        this.now += action.ms
        this.latest = Math.max(this.latest, this.now)
        return
      case 'clock-back':
        this.now -= action.ms
        return
      case 'restart':
        return this.restart()
      case 'line-back':
        return this.lineBack()
      case 'send-all':
        return this.sendAll()
      default:
        return this.clerk(action)
    }
  }

  capture(connectionId: number): void {
    const sequence = this.capturedIds.length + 1
    const item = capture(sequence, connectionId, { capturedAt: this.now })
    this.items.set(item.id, item)
    this.capturedIds.push(item.id)
    this.expectedKeys.set(item.id, item.idempotencyKey)
  }

  deliver(limit: number, outcomes: readonly DeliveryOutcome[], crashAfter: number | null): void {
    const picked = pickDueItems(this.list(), this.now, { limit })
    for (const item of picked) this.checkMaySend(item)
    const sending = picked.map((item) => beginSending(item, this.now))
    for (const item of sending) this.items.set(item.id, item)
    for (const [index, item] of sending.entries()) {
      if (crashAfter !== null && index >= crashAfter) break
      const outcome = outcomes[index % outcomes.length]
      if (!outcome) throw new Error('a delivery needs at least one outcome')
      const before = picked[index]
      const after = applyOutcome(item, outcome, this.now)
      if (outcome.kind === 'unauthorized' || outcome.kind === 'not-attempted') {
        // Nothing was tried: the item is exactly as it was before it was picked.
        expect(after).toStrictEqual(before)
      } else {
        expect(after.attempts).toHaveLength((before?.attempts.length ?? 0) + 1)
        this.lastOutcome.set(after.id, outcome)
      }
      if (after.state === 'sent') this.sentOrder.push(after)
      this.items.set(after.id, after)
    }
    if (crashAfter !== null) this.restart()
  }

  /** The scheduler's rule, checked the slow way: due, sendable, first of its connection. */
  private checkMaySend(item: OutboxItem): void {
    expect(SENDABLE_STATES).toContain(item.state)
    const due = item.nextAttemptAt ?? this.now
    if (due > this.now) {
      // Early only when the clock went back, and only past any wait the machine could set.
      expect(this.latest).toBeGreaterThan(this.now)
      expect(due - this.now).toBeGreaterThan(this.longestWait(item))
    }
    if (item.connectionId <= 0) return
    const earlier = this.list().filter(
      (other) =>
        other.connectionId === item.connectionId &&
        other.sequence < item.sequence &&
        UNSENT_STATES.includes(other.state)
    )
    expect(earlier).toStrictEqual([])
  }

  restart(): void {
    for (const item of this.list()) {
      const after = recoverAfterRestart(item, this.now)
      if (after !== item) this.lastOutcome.set(item.id, { kind: 'no-answer', message: 'restart' })
      this.items.set(item.id, after)
    }
  }

  /** Waits only for the line: its last try got no HTTP answer at all and asked for nothing. */
  waitsForNetwork(item: OutboxItem): boolean {
    const last = this.lastOutcome.get(item.id)
    return (
      item.state === 'waiting' &&
      last?.kind === 'retryable' &&
      last.status === undefined &&
      last.retryAfterMs === undefined
    )
  }

  /** The longest wait this item may have been given, from what the service said last. */
  longestWait(item: OutboxItem): number {
    return item.state === 'waiting' && !this.waitsForNetwork(item) ? RETRY_AFTER_CAP : BACKOFF_CAP
  }

  /** The line is back: exactly the items that wait for the network become due, now. */
  private lineBack(): void {
    for (const item of this.list()) {
      const after = retryOnReconnect(item, this.now)
      if (this.waitsForNetwork(item) && (item.nextAttemptAt ?? this.now) > this.now) {
        expect(after).toStrictEqual({ ...item, nextAttemptAt: this.now })
      } else {
        expect(after).toBe(item)
      }
      this.items.set(after.id, after)
    }
  }

  /** "Send all now": every waiting item is due now; a result needing attention is left alone. */
  private sendAll(): void {
    for (const item of this.list()) {
      const after = sendWaitingNow(item, this.now)
      const waiting = item.state === 'waiting' || item.state === 'unknown-outcome'
      if (waiting) {
        expect(after.state).toBe(item.state)
        expect(after.nextAttemptAt).toBeLessThanOrEqual(this.now)
      } else {
        expect(after).toBe(item)
      }
      this.items.set(after.id, after)
    }
  }

  /**
   * Whatever the clock did, no item the scheduler could send waits longer than the longest
   * wait it may have been given, counted from now.
   */
  checkNothingParked(): void {
    const heads = pickDueItems(this.list(), Number.MAX_SAFE_INTEGER, { limit: 1_000_000 })
    for (const item of heads) {
      const due = nextDueAt([item], { now: this.now })
      promise(due !== null, `${item.id} (${item.state}) has no due time`)
      const limit = this.now + this.longestWait(item)
      promise(
        due !== null && due <= limit,
        `${item.id} (${item.state}) waits until ${due}, past ${limit}`
      )
      const picked = pickDueItems([item], Math.max(due ?? this.now, this.now), { limit: 1 })
      promise(picked.length === 1, `${item.id} (${item.state}) is not sent when due`)
    }
  }

  private clerk(action: Extract<WorldAction, { pick: number }>): void {
    const item = this.list()[action.pick % Math.max(this.items.size, 1)]
    if (!item) return
    const allowed = action.kind === 'discard' ? CLERK_MAY_DISCARD : CLERK_MAY_EDIT_OR_RETRY
    let after: OutboxItem
    try {
      after = this.clerkAction(action, item)
    } catch (error) {
      expect(error).toBeInstanceOf(OutboxTransitionError)
      expect(allowed).not.toContain(item.state)
      return
    }
    expect(allowed).toContain(item.state)
    this.items.set(after.id, after)
  }

  private clerkAction(action: Extract<WorldAction, { pick: number }>, item: OutboxItem) {
    switch (action.kind) {
      case 'retry':
        return retryNow(item, this.now)
      case 'discard': {
        const after = discardItem(item, this.now)
        this.discardedByClerk.add(item.id)
        return after
      }
      case 'edit': {
        // Edits keep the connection: moving a result to another connection is the clerk's
        // call and is outside the capture-order promise.
        const comment = action.change ? `Edited ${++this.edits}` : item.body.Comment
        const body = bodyFor(item.connectionId, comment)
        const newKey = `edited-key-${this.edits}-${item.id}`
        const after = editItem(item, body, item.summary, newKey, this.now)
        this.expectedKeys.set(item.id, action.change ? newKey : item.idempotencyKey)
        return after
      }
    }
  }

  /** The clerk retries everything and the service accepts everything, until nothing is left. */
  drain(): void {
    for (let round = 0; round <= this.items.size + 1; round++) {
      for (const item of this.list()) {
        if (CLERK_MAY_EDIT_OR_RETRY.includes(item.state) && item.state !== 'queued') {
          this.items.set(item.id, retryNow(item, this.now))
        }
      }
      const accepted: DeliveryOutcome = {
        kind: 'accepted',
        connectionCRId: round + 1,
        status: 200,
        idempotencyHonoured: true
      }
      this.deliver(1_000, [accepted], null)
      this.checkPromises()
    }
  }

  /** The outbox's promises, checked after every step (plain checks: this runs very often). */
  checkPromises(): void {
    const ids = [...this.items.keys()]
    promise(ids.length === this.capturedIds.length, 'an item was lost or invented')
    ids.forEach((id, index) => promise(id === this.capturedIds[index], `item ${id} moved`))
    for (const item of this.items.values()) {
      const name = `${item.id} (${item.state})`
      promise(item.state !== 'sending', `${name} was left locked`)
      if (item.state === 'discarded') {
        promise(this.discardedByClerk.has(item.id), `${name} was discarded unasked`)
      }
      const receipt = this.receipts.get(item.id)
      if (receipt) promise(item.state === 'sent' && item.receipt === receipt, `${name} unsent`)
      if (item.state === 'sent') {
        promise(item.receipt !== undefined, `${name} has no receipt`)
        if (item.receipt) this.receipts.set(item.id, item.receipt)
      }
      if (item.state === 'needs-attention') {
        promise(Boolean(item.attention?.message.trim()), `${name} gives no reason`)
      }
      if (item.state === 'waiting' || item.state === 'unknown-outcome') {
        promise(Number.isFinite(item.nextAttemptAt), `${name} has no next try`)
      }
      for (const attempt of item.attempts) {
        promise(attempt.message.trim() !== '', `${name} has an attempt without a message`)
      }
      promise(item.idempotencyKey === this.expectedKeys.get(item.id), `${name} changed its key`)
      promise(item.connectionId === item.body.ConnectionId, `${name} lost its connection id`)
    }
    this.checkCaptureOrder()
  }

  private checkCaptureOrder(): void {
    const lastSent = new Map<number, number>()
    for (const item of this.sentOrder) {
      if (item.connectionId <= 0) continue
      const previous = lastSent.get(item.connectionId)
      promise(
        previous === undefined || item.sequence > previous,
        `connection ${item.connectionId}: ${item.id} was sent after a later result`
      )
      lastSent.set(item.connectionId, item.sequence)
    }
  }
}

function promise(kept: boolean, broken: string): void {
  if (!kept) throw new Error(`Outbox promise broken: ${broken}`)
}
