import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import { DeskDatabase } from '$renderer/db/desk-database'
import type { ConnectionRow } from '$renderer/state/connections-list-state.svelte'
import type { SiteStates } from '$renderer/state/site-states'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { mountComponent, openTestSite } from './screen-helpers'

/** The result form on one connection of the practice church, as the shell would mount it. */
export async function openResultForm(
  connectionId = 101,
  options: { calls?: ReturnType<typeof formCallbacks>; date?: string } = {}
) {
  const { site, desk } = await openTestSite()
  const calls = options.calls ?? formCallbacks()
  const container = mountComponent(ResultForm, {
    site,
    connection: rowOf(site, connectionId),
    capturedBy: 'clerk',
    account: site.reference.account,
    ...(options.date ? { date: options.date } : {}),
    onsaved: calls.onsaved,
    oncancel: calls.oncancel
  })
  return { site, desk, calls, container }
}

export function rowOf(site: SiteStates, connectionId: number): ConnectionRow {
  const row = site.connections.rows.find((each) => each.connection.id === connectionId)
  if (!row) throw new Error(`connection ${connectionId} is not in the open list`)
  return row
}

export interface SavedEvent {
  item: OutboxItem
  next: boolean
}

/** The form's callbacks, recorded; `saved()` resolves at the next onsaved. */
export function formCallbacks(): {
  onsaved: (event: SavedEvent) => void
  oncancel: () => void
  events: SavedEvent[]
  cancels: () => number
  saved: () => Promise<SavedEvent>
} {
  const events: SavedEvent[] = []
  let cancelCount = 0
  let waiting: ((event: SavedEvent) => void) | undefined
  return {
    events,
    onsaved: (event) => {
      events.push(event)
      waiting?.(event)
      waiting = undefined
    },
    oncancel: () => {
      cancelCount++
    },
    cancels: () => cancelCount,
    saved: () => new Promise((resolve) => (waiting = resolve))
  }
}

/** Reads the item through a connection of its own: what a restarted app would find. */
export async function readThroughNewConnection(
  site: SiteStates,
  id: string
): Promise<OutboxItem | undefined> {
  const db = new DeskDatabase(site.siteKey, site.database.name)
  await db.open()
  try {
    return await db.outbox.get(id)
  } finally {
    db.close()
  }
}

export function byId(container: HTMLElement, id: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[id="${id}"]`)
  if (!element) throw new Error(`no element with id ${id}`)
  return element
}
