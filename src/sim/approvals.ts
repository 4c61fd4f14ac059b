import { connectionDateOf, validateChangeRequest } from '../shared/change-request'
import type { ChangeRequestDecision } from './change-request-log'
import type { SiteContext } from './site-context'

export interface DecisionResult {
  /** The decisions taken, in the order of the log. */
  decided: ChangeRequestDecision[]
  /** Ids asked for that were not pending: unknown, or decided before. */
  notPending: number[]
}

/**
 * An administrator approves (applies to the church) or rejects (never applies) pending change
 * requests: those listed, or all of them when `ids` is undefined.
 */
export function decidePending(
  site: SiteContext,
  status: ChangeRequestDecision['Status'],
  ids: readonly number[] | undefined,
  now: Date = new Date()
): DecisionResult {
  const pending = site.log.pending()
  const wanted = ids === undefined ? undefined : new Set(ids)
  const chosen = wanted ? pending.filter((entry) => wanted.has(entry.ConnectionCRId)) : pending
  const found = new Set(chosen.map((entry) => entry.ConnectionCRId))
  const decided: ChangeRequestDecision[] = []
  for (const entry of chosen) {
    const decision: ChangeRequestDecision = {
      ConnectionCRId: entry.ConnectionCRId,
      Status: status,
      DecidedAt: now.toISOString(),
      ConnectionId:
        status === 'approved' ? applyBody(site, entry.SiteNumber, entry.Body, now) : null
    }
    site.log.decide(decision)
    decided.push(decision)
  }
  if (decided.length > 0) site.changed()
  return { decided, notPending: [...(wanted ?? [])].filter((id) => !found.has(id)) }
}

/** After a restart: the approvals of the state file are applied again, in their order. */
export function replayApprovals(site: SiteContext): void {
  const bodies = new Map(
    (
      JSON.parse(site.log.listJson()) as Array<{
        ConnectionCRId: number
        SiteNumber: number
        Body: unknown
      }>
    ).map((entry) => [entry.ConnectionCRId, entry] as const)
  )
  for (const decision of site.log.decided()) {
    const entry = bodies.get(decision.ConnectionCRId)
    if (decision.Status !== 'approved' || !entry) continue
    applyBody(site, entry.SiteNumber, entry.Body, new Date(decision.DecidedAt))
  }
}

function applyBody(site: SiteContext, siteNumber: number, body: unknown, at: Date): number | null {
  // Only valid change requests were recorded; a hand-edited state file is checked again.
  const checked = validateChangeRequest(body)
  const directory = site.directories.get(siteNumber)
  if (!checked.ok || !directory) return null
  return directory.apply(checked.value, connectionDateOf(at)) ?? null
}

/**
 * `--approve-after SECONDS`: an administrator who approves every change request that has
 * waited that long. Looks once a second (or sooner for shorter waits); stop() ends it.
 */
export function startAutoApproval(site: SiteContext, afterSeconds: number): { stop(): void } {
  const afterMs = afterSeconds * 1000
  const timer = setInterval(
    () => {
      const now = Date.now()
      const due = site.log
        .pending()
        .filter((entry) => entry.receivedAt + afterMs <= now)
        .map((entry) => entry.ConnectionCRId)
      if (due.length > 0) decidePending(site, 'approved', due, new Date(now))
    },
    Math.min(1000, Math.max(100, afterMs / 4))
  )
  timer.unref()
  return { stop: () => clearInterval(timer) }
}
