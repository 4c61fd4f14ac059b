import { NO_FAULTS, type FaultRule, type FaultSettings } from './fault-settings'
import { intBetween, mulberry32, type Random } from './prng'

/** What a request is, as far as fault rules' `scope` goes. */
export type RequestKind = 'change-requests' | 'lookups'

/**
 * The fault settings in force, with their own seeded dice and each rule's fire count, so
 * the same settings and the same request sequence give the same faults.
 */
export class FaultInjector {
  private current: FaultSettings = NO_FAULTS
  private random: Random = mulberry32(NO_FAULTS.seed)
  private fired: number[] = []

  get settings(): FaultSettings {
    return this.current
  }

  get honoursIdempotency(): boolean {
    return this.current.honourIdempotency
  }

  /** Replaces the previous settings; counts and dice start afresh. */
  set(settings: FaultSettings): void {
    this.current = settings
    this.random = mulberry32(settings.seed)
    this.fired = settings.rules.map(() => 0)
  }

  clear(): void {
    this.set(NO_FAULTS)
  }

  /** Milliseconds to wait before answering; 0 when no latency is set. */
  latency(): number {
    const latency = this.current.latencyMs
    if (latency === undefined) return 0
    if (typeof latency === 'number') return latency
    return intBetween(this.random, latency.min, latency.max)
  }

  /** The first rule that fires for this request, counting it; rules are tried in order. */
  pick(kind: RequestKind): FaultRule | undefined {
    const rules = this.current.rules
    for (let index = 0; index < rules.length; index++) {
      const rule = rules[index] as FaultRule
      if (rule.scope !== 'all' && rule.scope !== kind) continue
      const fired = this.fired[index] ?? 0
      if (rule.times !== undefined && fired >= rule.times) continue
      if (this.random() >= rule.rate) continue
      this.fired[index] = fired + 1
      return rule
    }
    return undefined
  }

  /** The password a user must sign in with now: a changed one, or none if revoked. */
  passwordOf(username: string, usual: string): string | undefined {
    if (this.current.revokedUsers.includes(username)) return undefined
    return this.current.passwords[username] ?? usual
  }
}
