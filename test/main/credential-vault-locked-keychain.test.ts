import { describe, expect, it } from 'vitest'
import { credentials, setup } from './vault-fakes'

const signIn = { practice: false, persistWithoutKeychain: false }

/** A saved sign-in, then a fresh start of the app with the keychain still locked. */
async function lockedAtStart(options: { async?: boolean } = {}) {
  const world = setup(options)
  await world.make().save(credentials, signIn)
  world.state.available = false
  world.state.calls.length = 0
  return { ...world, vault: world.make() }
}

const looks = (calls: string[]) =>
  calls.filter((call) => call === 'isEncryptionAvailable' || call === 'isAsyncEncryptionAvailable')
    .length

describe('credential vault: a keychain locked at start', () => {
  it.each([false, true])(
    'is looked at again before the clerk is asked to sign in, and opens a moment later (async API: %s)',
    async (async) => {
      const { vault, state, hooks } = await lockedAtStart({ async })
      hooks.afterPause = (count) => {
        if (count === 2) state.available = true
      }
      expect(await vault.status()).toMatchObject({ configured: true, needsSignIn: false })
      expect(await vault.current()).toEqual(credentials)
    }
  )

  it('waits only a short, bounded time before asking for the password', async () => {
    const { vault, pauses, warnings } = await lockedAtStart()
    expect(await vault.status()).toMatchObject({ configured: false, needsSignIn: true })
    expect(pauses.length).toBeGreaterThan(1)
    expect(pauses.reduce((sum, pause) => sum + pause, 0)).toBeLessThanOrEqual(5_000)
    expect(warnings.join('\n')).toMatch(/keychain is not available/)
  })

  it('is looked at again on the next call, in the same run, once it unlocks', async () => {
    const { vault, state, warnings } = await lockedAtStart()
    expect(await vault.current()).toBeNull()
    expect(await vault.status()).toMatchObject({ needsSignIn: true })
    state.available = true
    expect(await vault.current()).toEqual(credentials)
    expect(await vault.status()).toMatchObject({ configured: true, needsSignIn: false })
    // One warning for the run, not one per look.
    expect(warnings).toHaveLength(1)
  })

  it('shares one look among calls made at once, and stops looking once the password is read', async () => {
    const { vault, state, hooks } = await lockedAtStart()
    hooks.afterPause = () => {
      state.available = true
    }
    const [first, second] = await Promise.all([vault.status(), vault.current()])
    expect(first).toMatchObject({ configured: true })
    expect(second).toEqual(credentials)
    expect(looks(state.calls)).toBe(2)
    await vault.current()
    await vault.status()
    expect(looks(state.calls)).toBe(2)
  })

  it('a sign-in while it stays locked does not wait for another look', async () => {
    const { vault, pauses } = await lockedAtStart()
    await vault.status()
    const before = pauses.length
    const status = await vault.save(credentials, signIn)
    expect(status).toMatchObject({ configured: true, needsSignIn: false, persisted: false })
    expect(pauses).toHaveLength(before)
    expect(await vault.current()).toEqual(credentials)
  })

  it('signing out while it stays locked asks for nothing more', async () => {
    const { vault, pauses } = await lockedAtStart()
    await vault.status()
    const before = pauses.length
    expect(await vault.clear()).toMatchObject({ configured: false, needsSignIn: false })
    expect(await vault.status()).toMatchObject({ configured: false, needsSignIn: false })
    expect(pauses).toHaveLength(before)
  })
})
