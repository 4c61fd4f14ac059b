import axe from 'axe-core'
import { mount, unmount, type Component } from 'svelte'
import ResultForm from '../../../src/renderer/src/components/forms/result-form.svelte'
import { expect } from 'vitest'
import { DeskDatabase } from '../../../src/renderer/src/db/desk-database'
import { SiteRegistry } from '../../../src/renderer/src/db/site-registry'
import type { ConnectionRow } from '../../../src/renderer/src/state/connections-list-state.svelte'
import { openSiteStates, type SiteStates } from '../../../src/renderer/src/state/site-states'
import type { OutboxItem } from '../../../src/shared/outbox/outbox-item'
import { deleteDatabase, uniqueSiteKey } from './test-databases'
import { FakeDesk } from './fake-desk'
import { smallChurch } from './church-fixtures'

type Cleanup = () => Promise<void> | void
const cleanups: Cleanup[] = []

/** Runs in afterEach: unmounts, closes and deletes what the test opened, newest first. */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

/**
 * The state classes on a database of their own, with the small church's reference data
 * fetched through a fake bridge (the lookups; nothing is sent anywhere).
 */
export async function openChurch(): Promise<{ site: SiteStates; desk: FakeDesk }> {
  const registry = new SiteRegistry(`forms-registry-${crypto.randomUUID()}`)
  cleanups.push(() => registry.delete())
  const desk = new FakeDesk(smallChurch())
  const site = await openSiteStates(desk, uniqueSiteKey(), registry)
  cleanups.push(async () => {
    site.close()
    await deleteDatabase(site.database)
  })
  await site.outbox.start()
  await site.reference.refresh()
  expect(site.reference.failures).toEqual([])
  return { site, desk }
}

/** The result form on one connection of the small church, as the shell would mount it. */
export async function openResultForm(
  connectionId = 101,
  options: { calls?: ReturnType<typeof formCallbacks>; date?: string } = {}
) {
  const { site, desk } = await openChurch()
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

export function mountComponent<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props
): HTMLElement {
  const target = document.createElement('div')
  document.body.append(target)
  const instance = mount(component, { target, props })
  cleanups.push(async () => {
    await unmount(instance)
    target.remove()
  })
  return target
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

/** Serious and critical axe findings, as readable lines (empty when there are none). */
export async function seriousAxeProblems(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container)
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`
    )
}

/** Resolves when `condition` holds; fails the test when it never does. */

export function byId(container: HTMLElement, id: string): HTMLElement {
  const element = container.querySelector<HTMLElement>(`[id="${id}"]`)
  if (!element) throw new Error(`no element with id ${id}`)
  return element
}
