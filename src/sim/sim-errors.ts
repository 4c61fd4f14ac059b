import { DeskError } from '../shared/errors'

/** The practice site could not start or keep going (bad option, port in use, state file). */
export class PracticeSiteError extends DeskError {
  override name = 'PracticeSiteError'
}

/** The --state file exists but is not a state file this practice site wrote. */
export class PracticeSiteStateError extends PracticeSiteError {
  override name = 'PracticeSiteStateError'
}
