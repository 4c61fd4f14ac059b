import '$renderer/styles/app.css'
import axe from 'axe-core'
import { Dexie } from 'dexie'
import { flushSync, mount, unmount, type Component } from 'svelte'
import { expect } from 'vitest'
import { databaseNameOf } from '$renderer/db/site-key'
import { SiteRegistry } from '$renderer/db/site-registry'
import { openSiteStates, type SiteStates } from '$renderer/state/site-states'
import type { OutboxItem } from '$shared/outbox/outbox-item'
import { keepOpenBody, summaryOf } from '../../shared/support/outbox-fixtures'
import { FakeDesk, type FakeDeskData } from './fake-desk'
import { deleteDatabase, uniqueSiteKey } from './test-databases'
import { practiceChurch } from './practice-church'

type Cleanup = () => Promise<void> | void
const cleanups: Cleanup[] = []

/** For afterEach: unmounts, closes and deletes what the test opened, newest first. */
export async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
}

export function onCleanUp(cleanup: Cleanup): void {
  cleanups.push(cleanup)
}

/** A registry of its own, deleted after the test along with every site it opened. */
export function testRegistry(): SiteRegistry {
  const registry = new SiteRegistry(`screens-registry-${crypto.randomUUID()}`)
  cleanups.push(async () => {
    for (const site of await registry.list()) await Dexie.delete(databaseNameOf(site.siteKey))
    await registry.delete()
  })
  return registry
}

/** The state classes of one site on a database of its own, reference data downloaded. */
export async function openTestSite(
  data: FakeDeskData = practiceChurch()
): Promise<{ site: SiteStates; desk: FakeDesk }> {
  const registry = testRegistry()
  const desk = new FakeDesk(data)
  const site = await openSiteStates(desk, uniqueSiteKey(), registry)
  cleanups.push(async () => {
    site.close()
    await deleteDatabase(site.database)
  })
  await site.status.start()
  await site.outbox.start()
  await site.reference.refresh()
  expect(site.reference.failures).toEqual([])
  return { site, desk }
}

/** Mounts into a fresh element of the page; unmounted after the test. */
export function mountComponent<Props extends Record<string, unknown>>(
  component: Component<Props>,
  props: Props
): HTMLElement {
  const target = document.createElement('div')
  document.body.append(target)
  const instance = mount(component, { target, props })
  // Runs the components' mount effects now, so a test sees the loads they start.
  flushSync()
  cleanups.push(async () => {
    await unmount(instance)
    target.remove()
  })
  return target
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

/** Captures a result, then puts it in the state a delivery would have left it in. */
export async function seedItem(
  site: SiteStates,
  capture: { connectionId: number; contactName: string; comment?: string; typeName?: string },
  change: (item: OutboxItem) => OutboxItem = (item) => item
): Promise<OutboxItem> {
  const captured = await site.outbox.capture(
    keepOpenBody(capture.connectionId, capture.comment ?? 'Left a message'),
    summaryOf(capture.contactName, 'keep-open', capture.typeName),
    'clerk'
  )
  const changed = change(captured)
  await site.repository.saveAll([changed])
  await site.outbox.reload()
  return changed
}

/** An element's text as a reader sees it: runs of white space are one space. */
export function textOf(element: Element): string {
  return (element.textContent ?? '').replace(/\s+/g, ' ').trim()
}

/** The text behind a download link (a blob: URL of the page). */
export async function downloadedText(
  container: HTMLElement
): Promise<{ name: string; text: string }> {
  const link = container.querySelector<HTMLAnchorElement>('a[download]')
  if (!link) throw new Error('no download link was offered')
  const text = await (await fetch(link.href)).text()
  return { name: link.download, text }
}

/** RFC 4180 rows (quoted cells may hold commas, quotes and line breaks), for reading exports. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"'
        index++
      } else if (char === '"') quoted = false
      else cell += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(cell)
      cell = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      index++
    } else cell += char
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}
