import { afterEach, describe, expect, it } from 'vitest'
import { page, userEvent } from 'vitest/browser'
import { ReferenceSync } from '$renderer/data/reference-sync'
import { ReferenceState } from '$renderer/state/reference-state.svelte'
import type { Person } from '$shared/lookups'
import { holdPeoplePages } from '$test/renderer/support/hold-people-pages'
import { cleanUp, mountComponent, openTestSite } from '$test/renderer/support/screen-helpers'
import { until } from '$test/renderer/support/until'
import TypeaheadHost from './typeahead-host.svelte'

afterEach(cleanUp)

describe('people typeahead while the directory loads', () => {
  it('says the directory is loading instead of "no match", then searches it', async () => {
    const { site, desk } = await openTestSite()
    // The app started again on the same saved copy, its directory not read yet.
    const reference = new ReferenceState(site.database, new ReferenceSync(site.database, desk))
    const input = page.getByRole('combobox', { name: 'Contact' })
    const letGo = await holdPeoplePages(site.database)
    const loading = reference.load()
    try {
      await until(() => reference.loaded, 'the working set to be read')
      mountComponent(TypeaheadHost, {
        directory: reference,
        onchoose: (_person: Person | null) => {}
      })
      await userEvent.click(input)
      await userEvent.keyboard('ok')

      await expect
        .element(page.getByRole('status'))
        .toHaveTextContent('Loading the offline directory…')
      expect(input.element().getAttribute('aria-expanded')).toBe('false')
    } finally {
      // Let go even after a failed check: a held transaction would keep the database open.
      await letGo()
      await loading
    }

    // The open search runs again by itself once the directory is in.
    await expect.element(input).toHaveAttribute('aria-expanded', 'true')
    await expect.element(page.getByRole('option', { name: /Peggy Okafor/ })).toBeVisible()
  })
})
