import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import type { SignInRequest } from '$shared/bridge/channels'
import { accountOf, READ_ONLY_RIGHTS } from '$test/shared/support/accounts'
import { cleanUp, seriousAxeProblems, textOf } from '../../support/screen-helpers'
import { until } from '../../support/until'
import { launchApp, startPractice } from '../../support/mount-app'
import { practiceChurch } from '../../support/practice-church'

afterEach(cleanUp)

function focusedText(): string {
  return document.activeElement?.textContent?.trim() ?? ''
}

function currentScreen(container: HTMLElement): string | null {
  return container.querySelector('nav [aria-current="page"]')?.textContent?.trim() ?? null
}

describe('app shell', () => {
  it('first run: asks to sign in; the practice choice opens the practice site, badged on every screen', async () => {
    const { app, desk, container } = await launchApp()
    expect(app.view).toBe('sign-in')
    await expect.element(page.getByRole('heading', { name: 'Sign in to Access ACS' })).toBeVisible()
    expect(container.querySelector('nav')).toBeNull()
    expect(container.textContent).not.toContain('PRACTICE')

    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await startPractice(app)
    // After a sign-in the reference data is fetched again.
    expect(desk.lookupCalls.filter((call) => call.name === 'types').length).toBeGreaterThan(0)
    expect(container.textContent).toContain('jadams · practice site')

    for (const [key, screen] of [
      ['3', 'Outbox'],
      ['4', 'History'],
      ['2', 'New connection'],
      ['1', 'Connections']
    ] as const) {
      await userEvent.keyboard(`{Alt>}${key}{/Alt}`)
      await until(() => currentScreen(container)?.startsWith(screen) === true, `${screen} shown`)
      expect(container.querySelector('.practice-badge')?.textContent).toContain('PRACTICE')
      expect(
        container.querySelector('[role="status"][aria-label="Delivery status"]')
      ).not.toBeNull()
    }
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('Alt+1…4 work while a site is opening: the screen asked for is the one it opens on', async () => {
    let release = (): void => {}
    const openingHeldBy = new Promise<void>((resolve) => (release = resolve))
    const { app, container } = await launchApp({ openingHeldBy })
    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await until(() => app.view === 'opening', 'the site to be opening')
    await expect.element(page.getByText('Opening the site’s saved results…')).toBeVisible()

    await userEvent.keyboard('{Alt>}3{/Alt}')
    expect(currentScreen(container)).toMatch(/^Outbox/)
    release()
    await until(() => app.view === 'desk', 'the site to open')
    await expect.element(page.getByRole('heading', { name: 'Outbox' })).toBeVisible()
    expect(currentScreen(container)).toMatch(/^Outbox/)
  })

  it('moves through the list by keyboard, opens the form with Enter, and Save and next opens the next row', async () => {
    const { app, container } = await launchApp()
    await startPractice(app)

    await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
    await userEvent.keyboard('{ArrowDown}')
    expect(focusedText()).toBe('Ann Lee')
    await userEvent.keyboard('j')
    expect(focusedText()).toBe('Bob Stone')
    await userEvent.keyboard('{ArrowDown}')
    expect(focusedText()).toBe('Peggy Okafor')
    await userEvent.keyboard('k')
    expect(focusedText()).toBe('Bob Stone')
    await userEvent.keyboard('{Enter}')

    const form = page.getByRole('region', { name: 'Result for Bob Stone' })
    await expect.element(form).toBeVisible()
    expect(container.querySelector('[data-testid="stub-form"]')?.textContent).toBe('connection 104')
    expect(form.element().textContent).toContain('2 of 10 in the list')
    await until(
      () =>
        document.activeElement === page.getByRole('textbox', { name: 'Stub comment' }).element(),
      'the first field of the form to have the keyboard'
    )

    await userEvent.keyboard('Spoke with Bob')
    await userEvent.click(page.getByRole('button', { name: 'Save and next' }))
    await expect
      .element(page.getByRole('region', { name: 'Result for Peggy Okafor' }))
      .toBeVisible()
    await until(
      () =>
        document.activeElement === page.getByRole('textbox', { name: 'Stub comment' }).element(),
      'the next form’s first field to have the keyboard'
    )
    expect(app.site?.outbox.items.map((item) => item.body.Comment)).toEqual(['Spoke with Bob'])
    const savedDate = app.site?.outbox.items[0]?.body.ConnectionDate
    expect(container.querySelector('[data-testid="stub-form"]')?.textContent).toBe(
      `connection 102, date ${savedDate}`
    )
    expect(page.getByRole('status', { name: 'Last action' }).element().textContent).toContain(
      'Saved: keep open for Bob Stone'
    )

    await userEvent.click(page.getByRole('button', { name: 'Cancel' }))
    await until(() => focusedText() === 'Peggy Okafor', 'the list to come back on the same row')
    const bobRow = page.getByRole('row', { name: /Bob Stone/ }).element()
    expect(bobRow.textContent).toContain('1 unsent result')
    expect(container.querySelector('nav .count')?.textContent).toBe('1')
  })

  it('opens an unsent result from the outbox in the form, with the item to edit', async () => {
    const { app, container } = await launchApp()
    await startPractice(app)
    await userEvent.click(page.getByRole('button', { name: 'Ann Lee' }))
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }))
    await until(() => app.site?.outbox.count === 1, 'the result to be saved')
    const item = app.site?.outbox.items[0]
    expect(item?.summary.contactName).toBe('Ann Lee')

    await userEvent.keyboard('{Alt>}3{/Alt}')
    await userEvent.click(page.getByRole('button', { name: 'Edit' }))
    await expect.element(page.getByRole('region', { name: 'Edit Ann Lee' })).toBeVisible()
    expect(container.querySelector('[data-testid="stub-form"]')?.textContent).toBe(
      `connection 101, editing ${item?.id}`
    )
    await userEvent.fill(page.getByRole('textbox', { name: 'Stub comment' }), 'Left a voicemail')
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }))
    await expect.element(page.getByRole('heading', { name: 'Outbox' })).toBeVisible()
    expect(app.site?.outbox.items.map((each) => each.body.Comment)).toEqual(['Left a voicemail'])
  })

  it('keeps unsent results through a sign-out, names them, and sends them after the next sign-in', async () => {
    const { app, desk, container } = await launchApp()
    await startPractice(app)
    await userEvent.click(page.getByRole('button', { name: 'Ann Lee' }))
    await userEvent.click(page.getByRole('button', { name: 'Save', exact: true }))
    await until(() => app.site?.outbox.count === 1, 'the result to be saved')

    await userEvent.click(page.getByRole('button', { name: 'Sign out' }))
    const question = page.getByRole('dialog', { name: 'Sign out with 1 result not sent?' })
    await expect.element(question).toBeVisible()
    expect(await seriousAxeProblems(container)).toEqual([])
    await userEvent.click(question.getByRole('button', { name: 'Cancel' }))
    await expect.element(question).not.toBeInTheDocument()
    expect(app.site?.outbox.count).toBe(1)
    expect(app.view).toBe('desk')

    await userEvent.click(page.getByRole('button', { name: 'Sign out' }))
    await userEvent.click(question.getByRole('button', { name: 'Sign out' }))
    await expect.element(page.getByRole('heading', { name: 'Sign in to Access ACS' })).toBeVisible()
    expect(app.site).toBeNull()
    await until(
      () => textOf(container).includes('1 result for the practice site —'),
      'the waiting result to be named on the sign-in screen'
    )

    await userEvent.click(page.getByRole('button', { name: 'Use the practice site' }))
    await until(() => app.view === 'desk', 'the site to open again')
    expect(app.site?.outbox.items.map((item) => item.summary.contactName)).toEqual(['Ann Lee'])
    desk.wake('signed-in')
    await until(() => app.site?.outbox.count === 0, 'the waiting result to go out')
    expect(desk.sentBatches.flat()).toHaveLength(1)
  })

  it('when sending pauses, the status bar’s Sign in asks again with the reason, and Not now goes back', async () => {
    const { app, desk } = await launchApp()
    await startPractice(app)
    desk.changeState({
      online: true,
      paused: true,
      pauseReason: 'Access ACS refused the saved password',
      lastSuccessAt: null
    })
    const bar = page.getByRole('status', { name: 'Delivery status' })
    await expect.element(bar).toMatchTextContent('Paused: sign in again')
    await userEvent.click(bar.getByRole('button', { name: 'Sign in' }))
    await expect.element(page.getByRole('heading', { name: 'Sign in to Access ACS' })).toBeVisible()
    await expect
      .element(page.getByText(/Access ACS stopped accepting the saved password/))
      .toBeVisible()
    await userEvent.click(page.getByRole('button', { name: 'Not now' }))
    await expect.element(page.getByRole('heading', { name: 'Open connections' })).toBeVisible()
  })

  it('asks again when the saved password could not be read back, offering the keychain opt-in', async () => {
    const siteUrl = `https://test-${crypto.randomUUID()}.example/api_accessacs_mobile/v2`
    const { app, desk, container } = await launchApp({
      status: {
        configured: false,
        needsSignIn: true,
        baseUrl: siteUrl,
        siteNumber: 4321,
        username: 'clerk',
        backend: 'basic_text'
      }
    })
    const requests: SignInRequest[] = []
    desk.signInAnswer = async (request) => {
      requests.push(request)
      desk.status = {
        ...desk.status,
        configured: true,
        needsSignIn: false,
        persisted: request.persistWithoutKeychain === true
      }
      return { status: desk.status, check: 'offline', account: null }
    }
    expect(container.textContent).toContain('could not read your saved password back')
    expect(page.getByRole('textbox', { name: 'Username' }).element()).toHaveProperty(
      'value',
      'clerk'
    )
    expect(page.getByRole('textbox', { name: 'Site number' }).element()).toHaveProperty(
      'value',
      '4321'
    )
    expect(container.textContent).toContain('“basic_text”')

    await userEvent.fill(page.getByLabelText('Password'), 'clerk-pass-1')
    await userEvent.click(page.getByRole('checkbox', { name: /Remember my password anyway/ }))
    await userEvent.click(page.getByRole('button', { name: 'Sign in' }))
    await until(() => app.view === 'desk', 'the site to open')
    expect(requests).toEqual([
      {
        baseUrl: siteUrl,
        siteNumber: 4321,
        username: 'clerk',
        password: 'clerk-pass-1',
        persistWithoutKeychain: true
      }
    ])
    expect(container.textContent).toContain('offline sign-in allowed, checked on first send')
    expect(container.textContent).not.toContain('Your password is not saved on this computer')
  })
})

describe('app shell, rights', () => {
  it('shows the whole app read-only, with the reason, to a user who may not post change requests', async () => {
    const data = practiceChurch()
    data.account = accountOf({
      userName: 'readonly',
      role: 'member',
      rights: READ_ONLY_RIGHTS
    })
    const { app, container } = await launchApp({ data, forms: { ResultForm, NewConnectionForm } })
    await app.session.startPractice('readonly')
    await until(() => app.view === 'desk' && app.account !== null, 'the account to be known')
    const banner = page.getByText(/^Read-only: Your Access ACS user readonly may not/)
    await expect.element(banner).toBeVisible()
    expect(await seriousAxeProblems(container)).toEqual([])

    await userEvent.keyboard('{Alt>}2{/Alt}')
    await expect
      .element(page.getByRole('region', { name: 'New connection' }).getByText(/^Read-only:/))
      .toBeVisible()
    expect(page.getByRole('button', { name: 'Save', exact: true }).query()).toBeNull()
  })
})

describe('app shell with the real forms', () => {
  it('Enter on a row opens the result form with the keyboard in its first field', async () => {
    const { app } = await launchApp({ forms: { ResultForm, NewConnectionForm } })
    await startPractice(app)
    await userEvent.click(page.getByRole('searchbox', { name: 'Search contact' }))
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{Enter}')
    const region = page.getByRole('region', { name: 'Result for Bob Stone' })
    await expect.element(region).toBeVisible()
    await until(
      () =>
        region.element().contains(document.activeElement) &&
        document.activeElement instanceof HTMLInputElement,
      'a field of the result form to have the keyboard'
    )
  })
})
