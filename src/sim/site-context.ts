import type { ChangeRequestLog } from './change-request-log'
import type { ChurchDirectory } from './church-directory'
import type { FaultInjector } from './fault-injector'

/** Everything a route may read or change. */
export interface SiteContext {
  /** Each practice site's church, by site number. */
  readonly directories: ReadonlyMap<number, ChurchDirectory>
  readonly log: ChangeRequestLog
  readonly faults: FaultInjector
  /** The log changed: save it (when there is a state file) without waiting for the disk. */
  changed(): void
}
