import { messageOf } from '$shared/errors'
import { DeskError } from '$shared/errors'
import type { ReferenceKind } from '../db/desk-database'

export const REFERENCE_KIND_LABELS: Record<ReferenceKind, string> = {
  account: 'account and its rights',
  connectionTypes: 'connection types',
  responses: 'responses',
  teams: 'teams',
  assignments: 'open assignments',
  people: 'people directory'
}

/**
 * A refresh of one kind of reference data failed. The copy already saved is kept and still
 * used; the message says what failed, why, and that the old copy remains.
 */
export class ReferenceRefreshError extends DeskError {
  override name = 'ReferenceRefreshError'
  constructor(
    readonly kind: ReferenceKind,
    readonly reason: unknown
  ) {
    super(
      `The ${REFERENCE_KIND_LABELS[kind]} could not be refreshed: ${reasonText(reason)} The copy saved earlier is still used.`,
      reason instanceof DeskError ? reason.fieldErrors : undefined
    )
  }
}

function reasonText(reason: unknown): string {
  const text = messageOf(reason)
  const trimmed = text.trim() || 'no reason was given'
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`
}
