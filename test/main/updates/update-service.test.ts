import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  createUpdateService,
  type UpdaterLike,
  type UpdateServiceOptions
} from '$main/updates/update-service'
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS } from '$main/updates/update-schedule'
import type { UpdateState } from '$shared/bridge/channels'
import { createFakeClock } from '../support/fake-clock'

class FakeUpdater extends EventEmitter implements UpdaterLike {
  autoDownload = false
  autoInstallOnAppQuit = false
  feeds: unknown[] = []
  checks = 0
  installs: unknown[][] = []
  nextCheck: () => void = () => this.emit('update-not-available')
  setFeedURL(options: unknown) {
    this.feeds.push(options)
  }
  async checkForUpdates() {
    this.checks++
    this.nextCheck()
    return null
  }
  quitAndInstall(...args: unknown[]) {
    this.installs.push(args)
  }
}

function serviceWith(overrides: Partial<UpdateServiceOptions> = {}) {
  const updater = new FakeUpdater()
  const clock = createFakeClock(1_700_000_000_000)
  const states: UpdateState[] = []
  const outbox = { busy: false, unsentCount: 0 }
  const lines: string[] = []
  const loads = { count: 0 }
  const service = createUpdateService({
    loadUpdater: async () => {
      loads.count++
      return updater
    },
    feedUrl: 'https://it.example.org/desk/',
    outbox: { now: () => ({ ...outbox }), whenIdle: async () => true },
    confirmUnsent: async () => true,
    onStateChanged: (state) => states.push(state),
    log: {
      info: (line) => lines.push(line),
      warn: (line) => lines.push(line),
      error: (line) => lines.push(`error: ${line}`)
    },
    clock,
    ...overrides
  })
  return { service, updater, clock, states, outbox, lines, loads }
}

describe('the update service', () => {
  it('is off without a feed: no check, ever', () => {
    const { service, updater, clock } = serviceWith({ feedUrl: null })
    service.start()
    clock.advance(2 * CHECK_INTERVAL_MS)
    expect(updater.checks).toBe(0)
    expect(updater.feeds).toEqual([])
    expect(service.state()).toEqual({ status: 'off' })
  })

  it('points the updater at the generic feed, downloading in the background', async () => {
    const { service, updater } = serviceWith()
    await service.check()
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://it.example.org/desk/' }])
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(true)
  })

  // The updater is loaded at the first check, so the checks below are awaited, not counted
  // at once as when it was imported at start.
  it('checks shortly after start and then every six hours', async () => {
    const { service, updater, clock } = serviceWith()
    service.start()
    clock.advance(FIRST_CHECK_DELAY_MS - 1)
    expect(updater.checks).toBe(0)
    clock.advance(1)
    await vi.waitFor(() => expect(updater.checks).toBe(1))
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1))
    clock.advance(CHECK_INTERVAL_MS)
    await vi.waitFor(() => expect(updater.checks).toBe(2))
  })

  it('loads the updater at the first check, not at start, and only once', async () => {
    const { service, updater, clock, loads } = serviceWith()
    service.start()
    expect(loads.count).toBe(0)
    expect(updater.feeds).toEqual([])
    clock.advance(FIRST_CHECK_DELAY_MS)
    await vi.waitFor(() => expect(updater.checks).toBe(1))
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1))
    clock.advance(CHECK_INTERVAL_MS)
    await vi.waitFor(() => expect(updater.checks).toBe(2))
    expect(loads.count).toBe(1)
    expect(updater.feeds).toHaveLength(1)
  })

  it('logs an updater that cannot be loaded as an error, and loads it again at the next check', async () => {
    const updater = new FakeUpdater()
    let failing = true
    const world = serviceWith({
      loadUpdater: async () => {
        if (failing) throw new Error("Cannot find package 'electron-updater'")
        return updater
      }
    })
    world.service.start()
    world.clock.advance(FIRST_CHECK_DELAY_MS)
    await vi.waitFor(() =>
      expect(world.lines).toContain(
        "error: updates: the updater could not be loaded (Cannot find package 'electron-updater')"
      )
    )
    expect(world.service.state()).toEqual({ status: 'idle' })
    expect(world.states.map((state) => state.status)).toEqual(['checking', 'idle'])
    failing = false
    await vi.waitFor(() => expect(world.clock.pendingTimers()).toBe(1))
    world.clock.advance(CHECK_INTERVAL_MS)
    await vi.waitFor(() => expect(updater.checks).toBe(1))
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://it.example.org/desk/' }])
  })

  it('goes from downloading to a ready notice, and stops checking', async () => {
    const { service, updater, clock, states } = serviceWith()
    updater.nextCheck = () => {
      updater.emit('update-available', { version: '1.1.0' })
      updater.emit('update-downloaded', { version: '1.1.0' })
    }
    service.start()
    clock.advance(FIRST_CHECK_DELAY_MS)
    await vi.waitFor(() => expect(service.state()).toEqual({ status: 'ready', version: '1.1.0' }))
    expect(states.map((state) => state.status)).toEqual(['checking', 'downloading', 'ready'])
    clock.advance(3 * CHECK_INTERVAL_MS)
    await Promise.resolve()
    expect(updater.checks).toBe(1)
  })

  it('stays calm when a check fails offline, and tries again later', async () => {
    const { service, updater, clock, lines } = serviceWith()
    updater.nextCheck = () => {
      throw new Error('net::ERR_INTERNET_DISCONNECTED')
    }
    service.start()
    clock.advance(FIRST_CHECK_DELAY_MS)
    await vi.waitFor(() => expect(service.state()).toEqual({ status: 'idle' }))
    expect(lines.join('\n')).toContain('ERR_INTERNET_DISCONNECTED')
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1))
    clock.advance(CHECK_INTERVAL_MS)
    await vi.waitFor(() => expect(updater.checks).toBe(2))
  })

  describe('restart', () => {
    /** A check that finds and downloads 1.1.0: the updater is loaded by the check. */
    async function downloaded(world: ReturnType<typeof serviceWith>): Promise<void> {
      world.updater.nextCheck = () => world.updater.emit('update-downloaded', { version: '1.1.0' })
      await world.service.check()
      expect(world.service.state()).toEqual({ status: 'ready', version: '1.1.0' })
    }

    async function ready(overrides: Partial<UpdateServiceOptions> = {}) {
      const world = serviceWith(overrides)
      await downloaded(world)
      return world
    }

    it('does nothing before an update is ready', async () => {
      const { service, updater } = serviceWith()
      expect((await service.restart()).kind).toBe('not-ready')
      expect(updater.installs).toEqual([])
    })

    it('installs and relaunches when nothing is unsent', async () => {
      const { service, updater } = await ready()
      expect(await service.restart()).toEqual({ kind: 'restarting' })
      expect(updater.installs).toEqual([[true, true]])
    })

    it('keeps the app open when the clerk says so at the unsent question', async () => {
      const confirmUnsent = vi.fn(async () => false)
      const { service, updater, outbox } = await ready({ confirmUnsent })
      outbox.unsentCount = 2
      expect(await service.restart()).toEqual({ kind: 'kept-open' })
      expect(confirmUnsent).toHaveBeenCalledWith(2)
      expect(updater.installs).toEqual([])
    })

    it('waits for the batch that is out, then restarts', async () => {
      let release!: () => void
      const world = serviceWith({
        outbox: {
          now: () => ({ ...world.outbox }),
          whenIdle: () =>
            new Promise<boolean>((resolve) => {
              release = () => {
                world.outbox.busy = false
                resolve(true)
              }
            })
        }
      })
      await downloaded(world)
      world.outbox.busy = true
      const restarting = world.service.restart()
      await vi.waitFor(() => expect(release).toBeTypeOf('function'))
      expect(world.updater.installs).toEqual([])
      release()
      expect(await restarting).toEqual({ kind: 'restarting' })
      expect(world.updater.installs).toHaveLength(1)
    })

    it('does not restart when the outbox stays busy, and says why', async () => {
      const world = await ready({
        outbox: { now: () => ({ busy: true, unsentCount: 0 }), whenIdle: async () => false }
      })
      const result = await world.service.restart()
      expect(result.kind).toBe('busy')
      expect(result).toMatchObject({ message: expect.stringMatching(/still being sent/) })
      expect(world.updater.installs).toEqual([])
    })
  })
})
