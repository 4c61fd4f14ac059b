import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import SupportBar from '$renderer/components/shell/support-bar.svelte'
import { emptyOutboxSummary, SupportState } from '$renderer/state/support-state.svelte'
import { FakeDesk } from '../../support/fake-desk'
import {
  cleanUp,
  mountComponent,
  onCleanUp,
  seriousAxeProblems
} from '../../support/screen-helpers'
import { until } from '../../support/until'

afterEach(cleanUp)

async function showSupport(desk: FakeDesk) {
  const summary = { ...emptyOutboxSummary(), oldestUnsentAt: 1_700_000_000_000 }
  summary.countsByState.waiting = 3
  const support = new SupportState(desk, async () => summary)
  await support.start()
  onCleanUp(async () => support.stop())
  const container = mountComponent(SupportBar, { support })
  return { support, container, summary }
}

describe('the support bar', () => {
  it('says nothing of updates until one is ready, then offers a calm restart', async () => {
    const desk = new FakeDesk()
    const { container } = await showSupport(desk)
    expect(container.textContent).not.toContain('update')
    desk.changeUpdateState({ status: 'downloading', version: '1.1.0' })
    expect(container.textContent).not.toContain('update')
    desk.changeUpdateState({ status: 'ready', version: '1.1.0' })
    await expect
      .element(page.getByText(/An update is ready — restart when convenient/))
      .toBeVisible()
    expect(await seriousAxeProblems(container)).toEqual([])
    await userEvent.click(page.getByRole('button', { name: 'Restart now' }))
    await until(() => desk.restarts === 1, 'the restart request')
  })

  it('tells the clerk when the restart waits for results being sent', async () => {
    const desk = new FakeDesk()
    desk.updateState = { status: 'ready', version: '1.1.0' }
    desk.restartAnswer = {
      kind: 'busy',
      message: 'Results are still being sent, so the app did not restart. Try again in a minute.'
    }
    await showSupport(desk)
    await userEvent.click(page.getByRole('button', { name: 'Restart now' }))
    await expect.element(page.getByText(/Results are still being sent/)).toBeVisible()
  })

  it('saves diagnostics with the outbox counts, from the button and from the menu', async () => {
    const desk = new FakeDesk()
    const { summary } = await showSupport(desk)
    await userEvent.click(page.getByRole('button', { name: 'Save diagnostics…' }))
    await expect.element(page.getByText(/Diagnostics saved as diagnostics\.zip/)).toBeVisible()
    expect(desk.diagnosticsSaves).toEqual([summary])
    desk.requestDiagnostics()
    await until(() => desk.diagnosticsSaves.length === 2, 'the menu’s save')
  })

  it('shows why saving failed', async () => {
    const desk = new FakeDesk()
    desk.diagnostics.save = async () => {
      throw new Error('The diagnostics file could not be saved there (EACCES).')
    }
    await showSupport(desk)
    await userEvent.click(page.getByRole('button', { name: 'Save diagnostics…' }))
    await expect.element(page.getByText(/could not be saved there/)).toBeVisible()
  })
})
