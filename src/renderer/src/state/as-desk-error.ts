import { DeskError } from '../../../shared/errors'

/** Failures the screens show: typed errors as they are, anything else wrapped, message kept. */
export function asDeskError(error: unknown): DeskError {
  if (error instanceof DeskError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new DeskError(message || 'Something went wrong in Connections Desk')
}
