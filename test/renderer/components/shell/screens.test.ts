import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import { seedHistory } from '../../support/history-seed'
import { seedOutbox } from '../../support/outbox-seed'
import { cleanUp, seriousAxeProblems, textOf } from '../../support/screen-helpers'
import { until } from '../../support/until'
import { launchApp, startPractice } from '../../support/mount-app'

afterEach(cleanUp)

// The README's pictures come from `npm run screens`; a test run keeps its own beside the
// other test output, so that running the tests never changes tracked files.
const SCREENS = '../../../../test-results/screens'

/** Each screen of the app with a morning's work in it, at 1280x800, checked with axe. */
describe('screens', () => {
  it('first run, connections, outbox and history pass axe and are pictured', async () => {
    await page.viewport(1280, 800)
    const { app, desk, container } = await launchApp({ forms: { ResultForm, NewConnectionForm } })
    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/first-run.png` })

    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await startPractice(app)
    const site = app.site!
    const seeded = await seedOutbox(site)
    // The picture shows a calm moment between runs: nothing is out right now.
    await site.repository.saveAll([{ ...seeded.sending, state: 'queued' }])
    await site.outbox.reload()
    await seedHistory(site)
    desk.changeState({ online: false, paused: false, lastSuccessAt: Date.now() - 40 * 60_000 })
    await until(() => textOf(container).includes('Offline'), 'the offline status')

    await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
    await userEvent.keyboard('{ArrowDown}j')
    expect(textOf(document.activeElement!)).toBe('Bob Stone')
    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/connections.png` })

    await userEvent.keyboard('{Alt>}3{/Alt}')
    await expect.element(page.getByRole('heading', { name: 'Outbox' })).toBeVisible()
    await userEvent.click(page.getByText('1 attempt').nth(1))
    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/outbox.png` })

    await userEvent.keyboard('{Alt>}4{/Alt}')
    await until(() => container.querySelectorAll('tbody tr').length === 4, 'the sent results')
    expect(await seriousAxeProblems(container)).toEqual([])
    await page.screenshot({ path: `${SCREENS}/history.png` })
  })
})
