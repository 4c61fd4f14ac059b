import { OutboxRepository } from '$renderer/db/outbox-repository'
import type { OutboxItem } from '$shared/outbox/outbox-item'

/** Where a drain spends its time in the store, for the report's breakdown. */
export interface StoreTimes {
  listUnsentMs: number
  listUnsentCalls: number
  writesMs: number
}

/** The app's repository, unchanged, with a stopwatch on the calls the delivery loop makes. */
export class TimedRepository extends OutboxRepository {
  readonly times: StoreTimes = { listUnsentMs: 0, listUnsentCalls: 0, writesMs: 0 }

  resetTimes(): void {
    Object.assign(this.times, { listUnsentMs: 0, listUnsentCalls: 0, writesMs: 0 })
  }

  override async listUnsent(): Promise<OutboxItem[]> {
    const started = performance.now()
    try {
      return await super.listUnsent()
    } finally {
      this.times.listUnsentMs += performance.now() - started
      this.times.listUnsentCalls++
    }
  }

  override async saveAll(items: OutboxItem[]): Promise<void> {
    const started = performance.now()
    try {
      await super.saveAll(items)
    } finally {
      this.times.writesMs += performance.now() - started
    }
  }

  override async settleAndLock(
    settled: OutboxItem[],
    toLock: OutboxItem[],
    now: number
  ): Promise<OutboxItem[]> {
    const started = performance.now()
    try {
      return await super.settleAndLock(settled, toLock, now)
    } finally {
      this.times.writesMs += performance.now() - started
    }
  }
}
