import { lockIfStillListed, type DeliveryLoopStore } from '$shared/outbox/delivery-loop'
import { UNSENT_STATES, type OutboxItem } from '$shared/outbox/outbox-item'

/** The outbox as the delivery loop sees it, in memory; copies in and out like a database. */
export interface MemoryOutboxStore extends DeliveryLoopStore {
  put(item: OutboxItem): void
  get(id: string): OutboxItem | undefined
  all(): OutboxItem[]
}

export function createMemoryOutboxStore(): MemoryOutboxStore {
  const items = new Map<string, OutboxItem>()
  return {
    async listUnsent() {
      return [...items.values()]
        .filter((item) => UNSENT_STATES.includes(item.state))
        .map((item) => structuredClone(item))
    },
    async saveAll(changed) {
      for (const item of changed) items.set(item.id, structuredClone(item))
    },
    async settleAndLock(settled, toLock, now) {
      for (const item of settled) items.set(item.id, structuredClone(item))
      const locked: OutboxItem[] = []
      for (const listed of toLock) {
        const lock = lockIfStillListed(items.get(listed.id), listed, now)
        if (!lock) continue
        items.set(lock.id, structuredClone(lock))
        locked.push(structuredClone(lock))
      }
      return locked
    },
    put: (item) => {
      items.set(item.id, structuredClone(item))
    },
    get: (id) => {
      const item = items.get(id)
      return item && structuredClone(item)
    },
    all: () => [...items.values()].map((item) => structuredClone(item))
  }
}
