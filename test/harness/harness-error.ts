import { DeskError } from '../../src/shared/errors'

/** The browser harness could not do what a test asked: the message says what to fix. */
export class HarnessError extends DeskError {
  override name = 'HarnessError'
}
