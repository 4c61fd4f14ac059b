import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import NewConnectionForm from '$renderer/components/forms/new-connection/new-connection-form.svelte'
import ResultForm from '$renderer/components/forms/result/result-form.svelte'
import { readConnectionDetails } from '$renderer/db/connection-cache'
import type { SiteStates } from '$renderer/state/site-states'
import { SiteUnreachableError } from '$shared/errors'
import type { Account } from '$shared/lookups'
import { accountOf, READ_ONLY_RIGHTS } from '$test/shared/support/accounts'
import type { FakeDesk } from '$test/renderer/support/fake-desk'
import { formCallbacks, rowOf } from '$test/renderer/support/mount-form'
import {
  cleanUp,
  mountComponent,
  openTestSite,
  seriousAxeProblems
} from '$test/renderer/support/screen-helpers'
import { until } from '$test/renderer/support/until'

afterEach(cleanUp)

const saveButton = () => page.getByRole('button', { name: 'Save', exact: true })
const commentBox = () => page.getByRole('textbox', { name: 'Comment' })

function showResultForm(site: SiteStates, connectionId: number, account: Account | null) {
  const calls = formCallbacks()
  const container = mountComponent(ResultForm, {
    site,
    connection: rowOf(site, connectionId),
    capturedBy: 'clerk',
    account,
    onsaved: calls.onsaved,
    oncancel: calls.oncancel
  })
  return { calls, container }
}

function headerValue(container: HTMLElement, term: string): string {
  const terms = [...container.querySelectorAll('header dt')]
  const dt = terms.find((each) => each.textContent?.trim() === term)
  return dt?.nextElementSibling?.textContent?.replace(/\s+/g, ' ').trim() ?? ''
}

/** A staff clerk with every right, whose rights the test narrows. */
function staff(rights: Partial<Account['rights']> = {}): Account {
  return accountOf({ userName: 'clerk', role: 'staff', rights })
}

/** The site answers details that differ from the assignment the list holds. */
function newerDetails(desk: FakeDesk, connectionId: number, change: object): void {
  const index = desk.data.connections.findIndex((each) => each.id === connectionId)
  desk.data.connections[index] = { ...desk.data.connections[index]!, ...change }
}

describe('result form: the connection’s details', () => {
  it('fetches them when it opens: the header fills in, the list and this computer keep them', async () => {
    const { site, desk } = await openTestSite()
    const greeters = desk.data.people.filter((person) => [3, 4].includes(person.id))
    newerDetails(desk, 103, { comment: 'Called twice; try after 6 pm.', teamMembers: greeters })
    const { container } = showResultForm(site, 103, site.reference.account)

    await until(
      () => headerValue(container, 'Last comment') === 'Called twice; try after 6 pm.',
      'the fetched last comment to show'
    )
    expect(headerValue(container, 'Assigned to')).toBe('Zoë Adams, Carl Young')
    expect(site.details.detailsOf(103)?.comment).toBe('Called twice; try after 6 pm.')
    expect(rowOf(site, 103).lastComment).toBe('Called twice; try after 6 pm.')
    expect((await readConnectionDetails(site.database, 103))?.connection.comment).toBe(
      'Called twice; try after 6 pm.'
    )
    expect(await seriousAxeProblems(container)).toEqual([])
  })

  it('offline, says plainly they were never fetched on this computer, and the form still works', async () => {
    const { site, desk } = await openTestSite()
    desk.failures.set('connection', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the connection.')
    })
    const { container } = showResultForm(site, 102, site.reference.account)
    await expect
      .element(page.getByRole('status').filter({ hasText: 'The latest details could not be' }))
      .toMatchTextContent(/never fetched on this computer/)
    await expect.element(commentBox()).toBeVisible()
    expect(headerValue(container, 'Last comment')).toBe(
      'Surgery went well; family would welcome a visit on Thursday.'
    )
  })

  it('offline, shows the details as fetched earlier on this computer, and when', async () => {
    const { site, desk } = await openTestSite()
    newerDetails(desk, 102, { comment: 'Home on Friday; visit next week.' })
    await site.lookup.details(102)
    newerDetails(desk, 102, { comment: 'Newer than this computer knows.' })
    desk.failures.set('connection', {
      error: new SiteUnreachableError('Access ACS could not be reached; check the connection.')
    })
    const { container } = showResultForm(site, 102, site.reference.account)
    await expect
      .element(page.getByRole('status').filter({ hasText: 'cannot be reached' }))
      .toMatchTextContent(/Access ACS cannot be reached: details as fetched /)
    expect(headerValue(container, 'Last comment')).toBe('Home on Friday; visit next week.')
  })
})

describe('result form: rights before sending', () => {
  it('opens a connection of a view-only type read-only, with the reason and no Save', async () => {
    const { site, desk } = await openTestSite()
    newerDetails(desk, 103, { typeId: 5, typeName: 'Easter 2019 campaign' })
    await site.reference.refresh()
    const { calls, container } = showResultForm(site, 103, staff())

    await expect
      .element(page.getByText(/^Read-only:/))
      .toHaveTextContent(
        'Read-only: You may only view connections of “Easter 2019 campaign”: your Access ACS rights to the type are view only, so no result can be entered. Ask your administrator for full rights to it.'
      )
    expect(saveButton().query()).toBeNull()
    expect(commentBox().query()).toBeNull()
    expect(page.getByRole('radio').elements()).toHaveLength(0)
    expect(await seriousAxeProblems(container)).toEqual([])

    // The keyboard starts on Close: Ctrl+Enter saves nothing, Esc closes.
    expect(document.activeElement?.textContent?.trim()).toMatch(/^Close/)
    await userEvent.keyboard('{Control>}{Enter}{/Control}')
    expect(site.outbox.count).toBe(0)
    await userEvent.keyboard('{Escape}')
    expect(calls.cancels()).toBe(1)
  })

  it('follows the details when they say this user may only view the connection', async () => {
    const { site, desk } = await openTestSite()
    newerDetails(desk, 101, { mayChange: false })
    showResultForm(site, 101, staff())
    await expect
      .element(page.getByText(/^Read-only:/))
      .toMatchTextContent(/Access ACS lets your user only view this connection/)
    expect(saveButton().query()).toBeNull()
  })

  it('says a connection completed since is closed to results', async () => {
    const { site, desk } = await openTestSite()
    newerDetails(desk, 101, { completed: true })
    showResultForm(site, 101, site.reference.account)
    await expect
      .element(page.getByText(/^Read-only:/))
      .toMatchTextContent(/This connection is completed in Access ACS/)
  })

  it('offers Reassign only with the right to reassign', async () => {
    const { site } = await openTestSite()
    showResultForm(site, 101, staff({ mayReassign: false }))
    const outcomes = page.getByRole('radio').elements()
    expect(outcomes.map((radio) => radio.closest('label')?.textContent?.trim())).toEqual([
      'Complete — close the connection',
      'Keep open — log an attempt'
    ])
    await cleanUp()

    const { site: other } = await openTestSite()
    showResultForm(other, 101, staff())
    expect(page.getByRole('radio', { name: /^Reassign/ }).query()).not.toBeNull()
  })

  it('leaves the comment out when the rights do not let the user add one, and still saves', async () => {
    const { site } = await openTestSite()
    // An administrator always may; a user allowed to post but only to read comments may not add one.
    const { calls } = showResultForm(
      site,
      101,
      staff({ comments: 'view', mayPostChangeRequests: true })
    )
    expect(commentBox().query()).toBeNull()
    await expect
      .element(page.getByText(/^Your Access ACS rights do not let you add comments/))
      .toBeVisible()
    await userEvent.click(page.getByRole('radio', { name: /^Keep open/ }))
    const saved = calls.saved()
    await userEvent.click(saveButton())
    const { item } = await saved
    expect(item.body.Comment).toBe('')
  })

  it('hides the last comment from a user without any comment rights', async () => {
    const { site } = await openTestSite()
    const { container } = showResultForm(
      site,
      102,
      staff({ comments: 'none', mayPostChangeRequests: true })
    )
    expect(headerValue(container, 'Last comment')).toBe(
      'Not shown: your Access ACS rights do not include comments'
    )
  })

  it('makes every form read-only for a user who may not post change requests, saying why', async () => {
    const { site } = await openTestSite()
    const readonly = accountOf({
      userName: 'readonly',
      role: 'member',
      rights: READ_ONLY_RIGHTS
    })
    showResultForm(site, 101, readonly)
    await expect
      .element(page.getByText(/^Read-only:/))
      .toMatchTextContent(/Your Access ACS user readonly may not create change requests/)
    await cleanUp()

    const { site: other } = await openTestSite()
    const calls = formCallbacks()
    const container = mountComponent(NewConnectionForm, {
      site: other,
      capturedBy: 'readonly',
      account: readonly,
      onsaved: calls.onsaved,
      oncancel: calls.oncancel
    })
    await expect
      .element(page.getByText(/^Read-only:/))
      .toMatchTextContent(/Your Access ACS user readonly may not create change requests/)
    expect(saveButton().query()).toBeNull()
    expect(page.getByRole('combobox', { name: 'Contact' }).query()).toBeNull()
    expect(document.activeElement?.textContent?.trim()).toMatch(/^Close/)
    expect(await seriousAxeProblems(container)).toEqual([])
  })
})
