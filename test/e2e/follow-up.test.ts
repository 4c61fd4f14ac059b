import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DAY_MS } from '../../src/shared/follow-up/follow-up-state'
import { launchDesk, type Desk } from '../harness/launch-desk'
import { AppHeader } from '../harness/page-objects/app-header'
import type { ConnectionsPage } from '../harness/page-objects/connections-page'
import { commentOf, signInThroughForm, waitForRecorded } from '../harness/page-objects/desk-session'
import { HistoryPage, type HistoryRow } from '../harness/page-objects/history-page'
import { ResultFormPage } from '../harness/page-objects/result-form-page'
import { StatusBar } from '../harness/page-objects/status-bar'
import { waitUntil } from '../harness/driver/wait-until'

/**
 * Issue #14.4: after sending, each result's follow-up shows whether Access ACS applied it.
 * The practice site applies a change request only when `/_sim/approve` says so.
 */
let desk: Desk

beforeAll(async () => {
  desk = await launchDesk({ people: 200 })
})

afterAll(async () => {
  await desk?.close()
})

describe('following sent results up', () => {
  it('shows applied, waiting and not applied yet through approvals, a rejection, a rights change and a check offline', async () => {
    const connections = await signInThroughForm(desk, 'jadams')
    const before = (await desk.sim.changeRequests()).length
    const comments = await keepOpen(connections, 'Follow-up call', 4)
    const recorded = (await waitForRecorded(desk, before + 4)).slice(before)
    const [first, second, rejected, pending] = comments.map((comment) => {
      const record = recorded.find((candidate) => commentOf(candidate) === comment)
      if (!record) throw new Error(`the practice site did not record "${comment}"`)
      return String(record.ConnectionCRId)
    }) as [string, string, string, string]

    await decide('approve', [first, second])
    await decide('reject', [rejected])

    const history = new HistoryPage(desk.page)
    await new AppHeader(desk.page).goTo('History')
    await history.waitForShown()

    // Offline during a check: nothing is decided, the check says it waits for the line.
    await desk.setOnline(false)
    await history.checkNow()
    await desk.page.getByText(/Access ACS could not be reached; the check waits/).waitFor()
    for (const id of [first, second, rejected, pending]) {
      expect((await rowOf(history, id)).applied).toMatch(/^Waiting for approval since /)
    }
    await desk.setOnline(true)

    // A rights change: Access ACS refuses to show the connections; nothing is decided either.
    await desk.sim.setFaults({ rules: [{ kind: 'status', status: 403, scope: 'lookups' }] })
    await history.checkNow()
    await waitForRow(history, first, (row) => /Could not check/.test(row.applied))
    expect((await rowOf(history, first)).applied).toMatch(/^Waiting for approval/)
    await desk.sim.clearFaults()

    await history.checkNow()
    await waitForRow(history, first, (row) => row.applied.startsWith('Applied since '))
    await waitForRow(history, second, (row) => row.applied.startsWith('Applied since '))
    for (const id of [rejected, pending]) {
      const row = await rowOf(history, id)
      expect(row.applied).toMatch(/^Waiting for approval since /)
      expect(row.applied).not.toMatch(/Could not check/)
    }

    // Eight days pass for the two results never applied (their receipts are moved back).
    await sentDaysAgo([rejected, pending], 8)
    await history.checkNow()
    for (const id of [rejected, pending]) {
      await waitForRow(history, id, (row) =>
        row.applied.startsWith('Not applied yet — ask your administrator')
      )
    }
    expect((await rowOf(history, first)).applied).toMatch(/^Applied since /)
    await new StatusBar(desk.page).waitFor(
      '2 sent results not applied yet — ask your administrator'
    )

    await history.show('Not applied yet — ask your administrator')
    await waitUntil(
      'History lists only the results not applied yet',
      async () => {
        const ids = (await history.readRows()).map((row) => row.changeRequest).sort()
        return JSON.stringify(ids) === JSON.stringify([rejected, pending].sort()) ? ids : undefined
      },
      { timeoutMs: 10_000, describe: async () => JSON.stringify(await history.readRows()) }
    )
  })
})

/** Keep open results with a comment on the first `count` connections, through the form. */
async function keepOpen(connections: ConnectionsPage, label: string, count: number) {
  await connections.waitForRows(count)
  const comments: string[] = []
  for (let index = 0; index < count; index++) {
    const contact = await connections.openByKeyboard(index)
    const comment = `${label} ${index + 1} to ${contact}`
    const form = new ResultFormPage(desk.page)
    await form.enterByKeyboard({ comment, outcome: 'Keep open' })
    await form.saveAndClose()
    comments.push(comment)
  }
  return comments
}

async function decide(what: 'approve' | 'reject', ids: string[]): Promise<void> {
  const response = await fetch(`${desk.sim.url}/_sim/${what}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ConnectionCRIds: ids.map(Number) })
  })
  expect(response.status).toBe(200)
}

async function rowOf(history: HistoryPage, changeRequest: string): Promise<HistoryRow> {
  return history.waitForRow({ changeRequest })
}

async function waitForRow(
  history: HistoryPage,
  changeRequest: string,
  wanted: (row: HistoryRow) => boolean
): Promise<HistoryRow> {
  return waitUntil(
    `change request ${changeRequest} to show its follow-up`,
    async () => {
      const row = (await history.readRows()).find((each) => each.changeRequest === changeRequest)
      return row && wanted(row) ? row : undefined
    },
    { timeoutMs: 30_000, describe: async () => JSON.stringify(await history.readRows()) }
  )
}

/**
 * Time passes for these results: their receipts move `days` back in the page's own
 * database (the app has no clock to wind on; the check reads the receipt's time).
 */
async function sentDaysAgo(changeRequests: string[], days: number): Promise<void> {
  const ids = changeRequests.map(Number)
  // Plain page script text: a transpiled function may call helpers the page does not have.
  const moved = await desk.page.evaluate(`(async () => {
    const ids = ${JSON.stringify(ids)}
    const ms = ${days * DAY_MS}
    let count = 0
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue
      const db = await new Promise((resolve, reject) => {
        const open = indexedDB.open(info.name)
        open.onsuccess = () => resolve(open.result)
        open.onerror = () => reject(open.error)
      })
      if (db.objectStoreNames.contains('outbox')) {
        count += await new Promise((resolve, reject) => {
          const transaction = db.transaction('outbox', 'readwrite')
          let changed = 0
          transaction.objectStore('outbox').openCursor().onsuccess = (event) => {
            const cursor = event.target.result
            if (!cursor) return
            const item = cursor.value
            if (item.receipt && ids.includes(item.receipt.connectionCRId)) {
              item.receipt.at -= ms
              cursor.update(item)
              changed++
            }
            cursor.continue()
          }
          transaction.oncomplete = () => resolve(changed)
          transaction.onerror = () => reject(transaction.error)
        })
      }
      db.close()
    }
    return count
  })()`)
  expect(moved).toBe(ids.length)
}
