import { describe, expect, it } from 'vitest'
import { CLOSING_MESSAGE } from '../../src/main/batch-posting'
import { createQuitGuard, QUIT_WAIT_MS } from '../../src/main/quit-guard'
import { accepted, batchOf, schedulerHarness, sendItem, settle } from './delivery/scheduler-harness'

/** The real scheduler on a fake clock; the guard decides, the test plays the window. */
function quitting(options: { confirm?: boolean } = {}) {
  const harness = schedulerHarness({ concurrency: 1 })
  const warnings: string[] = []
  let asked = 0
  let closedAgain = 0
  const guard = createQuitGuard({
    delivery: harness.scheduler,
    confirmClose: () => {
      asked++
      return options.confirm ?? true
    },
    warn: (message) => warnings.push(message)
  })
  return {
    harness,
    guard,
    warnings,
    asked: () => asked,
    closedAgain: () => closedAgain,
    close: () => guard.onClose(() => closedAgain++)
  }
}

const written = { unsentCount: 0, nextDueAt: null, captured: false }

describe('quit guard', () => {
  it('closes once the page has written the answers of the batch that was out', async () => {
    const world = quitting()
    const batch = world.harness.scheduler.sendBatch(batchOf(['a', 'b'].map(sendItem)), 1)
    await settle()

    expect(world.close()).toBe('wait')
    await settle()
    expect(world.closedAgain()).toBe(0)

    world.harness.pending[0]?.answer(accepted(1))
    const result = await batch
    // The rest of the batch stayed home; it goes out at the next start.
    expect(result.results[1]?.outcome).toEqual({ kind: 'not-attempted', message: CLOSING_MESSAGE })
    await settle()
    expect(world.closedAgain()).toBe(0)

    world.harness.scheduler.report(written, 1)
    await settle()
    expect(world.closedAgain()).toBe(1)
    expect(world.close()).toBe('close')
    expect(world.asked()).toBe(1)
    expect(world.warnings).toEqual([])
  })

  it('closes after the bounded wait when no answer comes, and says so', async () => {
    const world = quitting()
    void world.harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await settle()
    expect(world.close()).toBe('wait')
    world.harness.clock.advance(QUIT_WAIT_MS - 1)
    await settle()
    expect(world.closedAgain()).toBe(0)
    world.harness.clock.advance(1)
    await settle()
    expect(world.closedAgain()).toBe(1)
    expect(world.warnings.join()).toMatch(/checked again at the next start/)
  })

  it('closes at once (after the idle check) when nothing is out', async () => {
    const world = quitting()
    expect(world.close()).toBe('wait')
    await settle()
    expect(world.closedAgain()).toBe(1)
    expect(world.close()).toBe('close')
  })

  it('keeps the app open when the clerk says so, and sends on', async () => {
    const world = quitting({ confirm: false })
    expect(world.close()).toBe('stay')
    const batch = world.harness.scheduler.sendBatch(batchOf([sendItem('a')]), 1)
    await settle()
    world.harness.pending[0]?.answer(accepted(1))
    expect((await batch).results[0]?.outcome.kind).toBe('accepted')
  })

  it('a second launch while waiting calls the quit off: delivery goes on, the window stays', async () => {
    const world = quitting()
    const batch = world.harness.scheduler.sendBatch(batchOf(['a', 'b'].map(sendItem)), 1)
    await settle()
    expect(world.close()).toBe('wait')

    world.guard.onSecondLaunch()
    expect(world.harness.wakes).toEqual(['manual'])
    world.harness.pending[0]?.answer(accepted(1))
    await settle()
    // The batch was cut short by the quit; the next one is sent again.
    expect((await batch).results[1]?.outcome.kind).toBe('not-attempted')
    world.harness.scheduler.report(written, 1)
    world.harness.clock.advance(QUIT_WAIT_MS)
    await settle()
    expect(world.closedAgain()).toBe(0)

    // Closing later asks again and waits again.
    expect(world.close()).toBe('wait')
    expect(world.asked()).toBe(2)
    await settle()
    expect(world.closedAgain()).toBe(1)
  })

  it('does nothing on a second launch when no quit is waiting', async () => {
    const world = quitting()
    world.guard.onSecondLaunch()
    expect(world.harness.wakes).toEqual([])
  })
})
