import { expect } from 'vitest'
import { discardItem, editItem, retryNow } from '../../../src/shared/outbox/clerk-actions'
import type { DeliveryOutcome } from '../../../src/shared/outbox/delivery-outcome'
import { pickDueItems } from '../../../src/shared/outbox/delivery-order'
import {
  SENDABLE_STATES,
  UNSENT_STATES,
  type OutboxItem,
  type OutboxState,
  type SentReceipt
} from '../../../src/shared/outbox/outbox-item'
import { OutboxTransitionError } from '../../../src/shared/outbox/outbox-transition-error'
import {
  applyOutcome,
  beginSending,
  recoverAfterRestart
} from '../../../src/shared/outbox/outbox-transitions'
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
        return
      case 'restart':
        return this.restart()
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
      }
      if (after.state === 'sent') this.sentOrder.push(after)
      this.items.set(after.id, after)
    }
    if (crashAfter !== null) this.restart()
  }

  /** The scheduler's rule, checked the slow way: due, sendable, first of its connection. */
  private checkMaySend(item: OutboxItem): void {
    expect(SENDABLE_STATES).toContain(item.state)
    expect(item.nextAttemptAt ?? this.now).toBeLessThanOrEqual(this.now)
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
    for (const item of this.list()) this.items.set(item.id, recoverAfterRestart(item, this.now))
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
