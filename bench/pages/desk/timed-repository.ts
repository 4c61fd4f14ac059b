import { OutboxRepository } from '../../../src/renderer/src/db/outbox-repository'
import type { OutboxItem } from '../../../src/shared/outbox/outbox-item'

/** Where a drain spends its time in the store, for the report's breakdown. */
export interface StoreTimes {
  listUnsentMs: number
  listUnsentCalls: number
  saveAllMs: number
}

/** The app's repository, unchanged, with a stopwatch on the two calls the delivery loop makes. */
export class TimedRepository extends OutboxRepository {
  readonly times: StoreTimes = { listUnsentMs: 0, listUnsentCalls: 0, saveAllMs: 0 }

  resetTimes(): void {
    Object.assign(this.times, { listUnsentMs: 0, listUnsentCalls: 0, saveAllMs: 0 })
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
      this.times.saveAllMs += performance.now() - started
    }
  }
}
