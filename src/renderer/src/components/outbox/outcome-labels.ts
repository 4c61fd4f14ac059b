import type { DeliveryOutcomeKind } from '$shared/outbox/delivery-outcome'

/** An attempt's outcome in the clerk's words. */
export const OUTCOME_LABELS: Record<DeliveryOutcomeKind, string> = {
  accepted: 'Accepted',
  rejected: 'Refused',
  'unexpected-answer': 'Unexpected answer',
  retryable: 'Could not get through',
  'no-answer': 'No answer (may have arrived)',
  unauthorized: 'Password refused',
  'not-attempted': 'Not tried'
}
