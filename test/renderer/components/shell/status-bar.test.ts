import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import StatusBar from '$renderer/components/shell/status-bar.svelte'
import type { SendProgress } from '$renderer/state/outbox-state.svelte'
import { StatusState } from '$renderer/state/status-state.svelte'
import type { DeliveryState } from '$shared/bridge/channels'
import { DeskError } from '$shared/errors'
import { FakeDesk } from '../../support/fake-desk'
import { cleanUp, mountComponent, seriousAxeProblems } from '../../support/screen-helpers'

afterEach(cleanUp)

const NOW = Date.UTC(2025, 2, 14, 15, 0)
const HOUR = 3_600_000

interface Condition {
  delivery?: Partial<DeliveryState>
  waiting?: number
  oldestCapturedAt?: number | null
  sending?: boolean
  progress?: SendProgress | null
  error?: DeskError | null
  dataAsOf?: number | null
  stale?: boolean
  refreshing?: boolean
  notApplied?: number
  restored?: number
}

async function showStatus(
  condition: Condition
): Promise<{ bar: HTMLElement; signIns: () => number; notAppliedClicks: () => number }> {
  const desk = new FakeDesk()
  desk.deliveryState = { online: true, paused: false, lastSuccessAt: null, ...condition.delivery }
  const status = new StatusState({
    desk,
    outbox: {
      count: condition.waiting ?? 0,
      oldestCapturedAt: condition.oldestCapturedAt ?? null,
      sending: condition.sending ?? false,
      progress: condition.progress ?? null,
      error: condition.error ?? null,
      restoredCount: condition.restored ?? 0
    },
    reference: {
      dataAsOf: condition.dataAsOf === undefined ? NOW - HOUR : condition.dataAsOf,
      refreshing: condition.refreshing ?? false,
      isStale: () => condition.stale ?? false
    }
  })
  await status.start()
  let signIns = 0
  let notAppliedClicks = 0
  const container = mountComponent(StatusBar, {
    status,
    now: NOW,
    onsignin: () => void signIns++,
    notApplied: condition.notApplied ?? 0,
    onnotapplied: () => void notAppliedClicks++,
    formatTime: (at: number) => `[${new Date(at).toISOString().slice(11, 16)}]`
  })
  const bar = container.querySelector<HTMLElement>('[role="status"]')
  if (!bar) throw new Error('the status bar has no role="status"')
  expect(await seriousAxeProblems(container)).toEqual([])
  return { bar, signIns: () => signIns, notAppliedClicks: () => notAppliedClicks }
}

describe('status bar', () => {
  it('counts sent results not applied yet, and opens History on them', async () => {
    const { notAppliedClicks } = await showStatus({ notApplied: 2 })
    const button = page.getByRole('button', {
      name: '2 sent results not applied yet — ask your administrator'
    })
    await userEvent.click(button)
    expect(notAppliedClicks()).toBe(1)
    const one = await showStatus({ notApplied: 1 })
    expect(one.bar.textContent).toContain('1 sent result not applied yet')
  })

  it('says how many results came back from the backup copy, and that they may have gone out', async () => {
    const { bar } = await showStatus({ restored: 3, waiting: 3 })
    expect(bar.textContent).toContain(
      '3 unsent results were restored from the backup copy after this computer lost its outbox — they may have been sent already'
    )
    await cleanUp()
    const none = await showStatus({ waiting: 3 })
    expect(none.bar.textContent).not.toContain('restored')
  })

  it('online with everything sent: says so, with the data’s time and nothing sent yet', async () => {
    const { bar } = await showStatus({})
    expect(bar.getAttribute('aria-label')).toBe('Delivery status')
    expect(bar.textContent).toContain('Online')
    expect(bar.textContent).toContain('Everything is sent')
    expect(bar.textContent).toContain('Nothing sent yet')
    expect(bar.textContent).toContain('Data as of [14:00]')
    expect(bar.textContent).not.toContain('over a day old')
    expect(bar.querySelector('button')).toBeNull()
  })

  it('offline: how many wait and for how long, and when the last send got through', async () => {
    const { bar } = await showStatus({
      delivery: { online: false, lastSuccessAt: NOW - 3 * HOUR },
      waiting: 3,
      oldestCapturedAt: NOW - 2 * HOUR - 60_000
    })
    expect(bar.textContent).toContain('Offline')
    expect(bar.textContent).not.toContain('Online')
    expect(bar.textContent).toContain('3 results waiting, the oldest for 2 hours')
    expect(bar.textContent).toContain('Last sent [12:00]')
  })

  it('says a result saved under a minute ago was saved just now', async () => {
    const { bar } = await showStatus({ waiting: 1, oldestCapturedAt: NOW - 20_000 })
    expect(bar.textContent).toContain('1 result waiting, saved just now')
  })

  it('sending: shows the progress of the run', async () => {
    const { bar } = await showStatus({
      sending: true,
      progress: { done: 2, total: 5 },
      waiting: 3,
      oldestCapturedAt: NOW - 5 * 60_000
    })
    expect(bar.textContent).toContain('Sending 2 of 5')
    const progress = bar.querySelector('progress')
    expect([progress?.value, progress?.max]).toEqual([2, 5])
    expect(bar.textContent).toContain('3 results waiting, the oldest for 5 minutes')
  })

  it('warns when the reference data is over a day old, or was never downloaded', async () => {
    const stale = await showStatus({ dataAsOf: NOW - 26 * HOUR, stale: true, refreshing: true })
    expect(stale.bar.textContent).toContain('Data as of [13:00]')
    expect(stale.bar.textContent).toContain('over a day old')
    expect(stale.bar.textContent).toContain('refreshing')
    await cleanUp()

    const never = await showStatus({ dataAsOf: null, stale: true })
    expect(never.bar.textContent).toContain('Reference data not downloaded yet')
  })

  it('paused by a refused password: says so and offers to sign in', async () => {
    const { bar, signIns } = await showStatus({
      delivery: { paused: true, pauseReason: 'Access ACS refused the saved password' },
      waiting: 1,
      oldestCapturedAt: NOW - 60_000
    })
    expect(bar.textContent).toContain('Paused: sign in again')
    expect(bar.textContent).toContain('Access ACS refused the saved password')
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }))
    expect(signIns()).toBe(1)
  })

  it('names a delivery failure in the clerk’s words', async () => {
    const { bar } = await showStatus({
      error: new DeskError('Another window of Connections Desk is sending; this one waits.')
    })
    expect(bar.textContent).toContain(
      'Could not send: Another window of Connections Desk is sending; this one waits.'
    )
  })
})
