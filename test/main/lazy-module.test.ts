import { describe, expect, it } from 'vitest'
import { lazyModule } from '../../src/main/lazy-module'
import { DeskError } from '../../src/shared/errors'

describe('lazyModule', () => {
  it('imports on first use, once, whoever asks', async () => {
    let imports = 0
    const load = lazyModule('the module', async () => {
      imports++
      return { answer: 42 }
    })
    expect(imports).toBe(0)
    const [first, second] = await Promise.all([load(), load()])
    expect(first).toEqual({ answer: 42 })
    expect(second).toBe(first)
    expect(await load()).toBe(first)
    expect(imports).toBe(1)
  })

  it('reports a failed import with what to do, and tries again at the next use', async () => {
    let failing = true
    const load = lazyModule('its network code', async () => {
      if (failing) throw new Error("Cannot find module './undici-D7v_HR-x.js'")
      return 'loaded'
    })
    const error = await load().catch((caught: unknown) => caught)
    expect(error).toBeInstanceOf(DeskError)
    expect((error as DeskError).message).toBe(
      "Connections Desk could not load its network code (Cannot find module './undici-D7v_HR-x.js'). Restart the app; if this happens again, reinstall it. Saved results are kept."
    )
    failing = false
    expect(await load()).toBe('loaded')
  })
})
