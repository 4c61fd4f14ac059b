import { DeskError } from '../src/shared/errors'

/** A benchmark could not run or produced numbers that cannot be trusted: the message says why. */
export class BenchError extends DeskError {
  override name = 'BenchError'
}
