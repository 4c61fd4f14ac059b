import { CHANGE_REQUEST_FIELDS, type ChangeRequest } from '../change-request'

/**
 * Whether two bodies would reach the service as the same request. Response order counts:
 * the service compares what it receives, and a repeat under the same Idempotency-Key with a
 * different body is refused (422), so when in doubt the bodies are "different".
 */
export function sameChangeRequest(left: ChangeRequest, right: ChangeRequest): boolean {
  return CHANGE_REQUEST_FIELDS.every((field) => sameValue(left[field], right[field]))
}

function sameValue(left: unknown, right: unknown): boolean {
  if (Array.isArray(left) && Array.isArray(right)) {
    return left.length === right.length && left.every((value, index) => value === right[index])
  }
  return left === right
}
