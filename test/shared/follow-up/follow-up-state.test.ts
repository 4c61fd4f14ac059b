import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AppliedEvidence } from '$shared/follow-up/applied-evidence'
import {
  DAY_MS,
  FOLLOW_UP_STATES,
  initialFollowUp,
  nextFollowUp,
  type FollowUp
} from '$shared/follow-up/follow-up-state'

const SENT = Date.UTC(2025, 10, 3, 15)
const applied: AppliedEvidence = { kind: 'applied', connectionId: 40, why: 'Completed.' }
const notSeen: AppliedEvidence = { kind: 'not-seen', why: 'Still open.' }
const nothing: AppliedEvidence = { kind: 'nothing-to-see', why: 'Nothing.' }

describe('nextFollowUp', () => {
  it.each([
    ['not seen within the days', notSeen, 3, 'waiting'],
    ['not seen after the days', notSeen, 7, 'not-applied-yet'],
    ['no look (offline) after the days', undefined, 8, 'not-applied-yet'],
    ['no look (offline) within the days', undefined, 1, 'waiting'],
    ['seen applied after the days', applied, 20, 'applied'],
    ['nothing to see', nothing, 1, 'unverifiable']
  ] as const)('%s → %s', (_, evidence, days, state) => {
    const next = nextFollowUp(initialFollowUp(SENT), {
      ...(evidence ? { evidence } : {}),
      sentAt: SENT,
      now: SENT + days * DAY_MS,
      notAppliedAfterDays: 7
    })
    expect(next.state).toBe(state)
  })

  it('dates a change of state, and keeps the date while the state holds', () => {
    const later = SENT + 8 * DAY_MS
    const overdue = nextFollowUp(initialFollowUp(SENT), {
      evidence: notSeen,
      sentAt: SENT,
      now: later,
      notAppliedAfterDays: 7
    })
    expect(overdue).toMatchObject({ state: 'not-applied-yet', changedAt: later, checkedAt: later })
    const again = nextFollowUp(overdue, {
      sentAt: SENT,
      now: later + DAY_MS,
      notAppliedAfterDays: 7
    })
    expect(again).toBe(overdue)
    const seen = nextFollowUp(overdue, {
      evidence: applied,
      sentAt: SENT,
      now: later + 2 * DAY_MS,
      notAppliedAfterDays: 7
    })
    expect(seen).toMatchObject({
      state: 'applied',
      changedAt: later + 2 * DAY_MS,
      connectionId: 40
    })
  })

  it('keeps a refusal until a look answers', () => {
    const refused = nextFollowUp(initialFollowUp(SENT), {
      problem: 'Access ACS refused: 403',
      sentAt: SENT,
      now: SENT + DAY_MS,
      notAppliedAfterDays: 7
    })
    expect(refused).toMatchObject({ state: 'waiting', problem: 'Access ACS refused: 403' })
    const answered = nextFollowUp(refused, {
      evidence: notSeen,
      sentAt: SENT,
      now: SENT + 2 * DAY_MS,
      notAppliedAfterDays: 7
    })
    expect(answered.problem).toBeUndefined()
  })

  const evidence = fc.option(fc.constantFrom<AppliedEvidence>(applied, notSeen, nothing), {
    nil: undefined
  })
  const steps = fc.array(
    fc.record({ evidence, advance: fc.integer({ min: 0, max: 5 * DAY_MS }) }),
    { maxLength: 20 }
  )

  it('property: applied is final, time never moves backwards, and states stay known', () => {
    fc.assert(
      fc.property(steps, fc.integer({ min: 0, max: 30 }), (walk, days) => {
        let now = SENT
        let followUp: FollowUp = initialFollowUp(SENT)
        let wasApplied = false
        for (const step of walk) {
          now += step.advance
          const next = nextFollowUp(followUp, {
            ...(step.evidence ? { evidence: step.evidence } : {}),
            sentAt: SENT,
            now,
            notAppliedAfterDays: days
          })
          expect(FOLLOW_UP_STATES).toContain(next.state)
          if (wasApplied) expect(next).toBe(followUp)
          if (next.state !== followUp.state) expect(next.changedAt).toBe(now)
          expect(next.changedAt).toBeGreaterThanOrEqual(followUp.changedAt)
          if (next.state === 'waiting') expect(now - SENT).toBeLessThan(days * DAY_MS)
          wasApplied ||= next.state === 'applied'
          followUp = next
        }
      })
    )
  })
})
