import type { AppliedEvidence } from './applied-evidence'

/**
 * After a result is sent (CONTRACT.md: an administrator approves it later):
 * waiting: not seen applied yet, within the days the office allows.
 * applied: a later look at Access ACS shows the change (final).
 * not-applied-yet: still not seen after those days: ask the administrator.
 * unverifiable: the result changes nothing a look can show.
 */
export const FOLLOW_UP_STATES = ['waiting', 'applied', 'not-applied-yet', 'unverifiable'] as const
export type FollowUpState = (typeof FOLLOW_UP_STATES)[number]

export interface FollowUp {
  state: FollowUpState
  /** When the state last changed (ms since the epoch); the send time for a new one. */
  changedAt: number
  /** The last look at Access ACS that answered (ms since the epoch). */
  checkedAt?: number
  /** What the last look showed, in plain words. */
  evidence?: string
  /** The connection that shows the change (a new connection's id once seen). */
  connectionId?: number
  /** Why the last look could not be made (the site refused it), until one answers. */
  problem?: string
  /** The connection's team members before the result, from this computer's copy. */
  earlierMembers?: number[]
}

export const DAY_MS = 24 * 60 * 60 * 1000
/**
 * Results older than this are no longer looked at; so it is also the most days the clerk may
 * set before a result shows as not applied yet.
 */
export const FOLLOW_UP_WINDOW_DAYS = 30
export const DEFAULT_NOT_APPLIED_AFTER_DAYS = 7

export const FOLLOW_UP_LABELS: Record<FollowUpState, string> = {
  waiting: 'Waiting for approval',
  applied: 'Applied',
  'not-applied-yet': 'Not applied yet — ask your administrator',
  unverifiable: 'Sent — nothing to check it by'
}

/** A sent result before any look: waiting since it was sent. */
export function initialFollowUp(sentAt: number): FollowUp {
  return { state: 'waiting', changedAt: sentAt }
}

export interface FollowUpStep {
  /** What the look showed; undefined when no look answered (offline, refused). */
  evidence?: AppliedEvidence
  /** The look was refused (not offline): the site's words. */
  problem?: string
  sentAt: number
  now: number
  notAppliedAfterDays: number
}

/**
 * The next follow-up of a sent result. Applied is final; the rest depends on the look and on
 * how long the result has waited, so a result whose look could not be made (offline) still
 * turns "not applied yet" on time. Returns the same object when nothing changed.
 */
export function nextFollowUp(current: FollowUp, step: FollowUpStep): FollowUp {
  if (current.state === 'applied') return current
  const evidence = step.evidence
  const looked = evidence !== undefined
  const base: FollowUp = {
    ...current,
    ...(looked ? { checkedAt: step.now, evidence: evidence.why } : {})
  }
  if (looked) delete base.problem
  if (step.problem !== undefined) base.problem = step.problem
  let state: FollowUpState
  if (evidence?.kind === 'applied') {
    state = 'applied'
    base.connectionId = evidence.connectionId
  } else if (evidence?.kind === 'nothing-to-see') state = 'unverifiable'
  else if (current.state === 'unverifiable') state = 'unverifiable'
  else {
    const overdue = step.now - step.sentAt >= step.notAppliedAfterDays * DAY_MS
    state = overdue ? 'not-applied-yet' : 'waiting'
  }
  const next = state === current.state ? base : { ...base, state, changedAt: step.now }
  return sameFollowUp(current, next) ? current : next
}

function sameFollowUp(left: FollowUp, right: FollowUp): boolean {
  return JSON.stringify(left) === JSON.stringify(right)
}
