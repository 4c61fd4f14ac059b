export {
  API_BASE_PATH,
  DEFAULT_PEOPLE,
  DEFAULT_SEED,
  PRACTICE_SITE_NUMBER,
  PRACTICE_SITES,
  PRACTICE_USERS,
  SECOND_PRACTICE_SITE_NUMBER,
  SECOND_SITE_PEOPLE,
  startPracticeSite,
  type PracticeSite,
  type PracticeSiteOptions,
  type PracticeUser
} from './practice-site'
export type { RecordedChangeRequest } from './change-request-log'
export type { FaultRule, FaultSettings } from './fault-settings'
export { PracticeSiteError, PracticeSiteStateError } from './sim-errors'
