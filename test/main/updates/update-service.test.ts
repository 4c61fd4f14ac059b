import { EventEmitter } from 'node:events'
import { describe, expect, it, vi } from 'vitest'
import {
  createUpdateService,
  type UpdaterLike,
  type UpdateServiceOptions
} from '../../../src/main/updates/update-service'
import { CHECK_INTERVAL_MS, FIRST_CHECK_DELAY_MS } from '../../../src/main/updates/update-schedule'
import type { UpdateState } from '../../../src/shared/bridge/channels'
import { createFakeClock } from '../delivery/fake-clock'

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
  const service = createUpdateService({
    updater,
    feedUrl: 'https://it.example.org/desk/',
    outbox: { now: () => ({ ...outbox }), whenIdle: async () => true },
    confirmUnsent: async () => true,
    onStateChanged: (state) => states.push(state),
    log: { info: (line) => lines.push(line), warn: (line) => lines.push(line) },
    clock,
    ...overrides
  })
  return { service, updater, clock, states, outbox, lines }
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

  it('points the updater at the generic feed, downloading in the background', () => {
    const { updater } = serviceWith()
    expect(updater.feeds).toEqual([{ provider: 'generic', url: 'https://it.example.org/desk/' }])
    expect(updater.autoDownload).toBe(true)
    expect(updater.autoInstallOnAppQuit).toBe(true)
  })

  it('checks shortly after start and then every six hours', async () => {
    const { service, updater, clock } = serviceWith()
    service.start()
    clock.advance(FIRST_CHECK_DELAY_MS - 1)
    expect(updater.checks).toBe(0)
    clock.advance(1)
    expect(updater.checks).toBe(1)
    await vi.waitFor(() => expect(clock.pendingTimers()).toBe(1))
    clock.advance(CHECK_INTERVAL_MS)
    expect(updater.checks).toBe(2)
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
    expect(updater.checks).toBe(2)
  })

  describe('restart', () => {
    async function ready(overrides: Partial<UpdateServiceOptions> = {}) {
      const world = serviceWith(overrides)
      world.updater.emit('update-downloaded', { version: '1.1.0' })
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
      world.updater.emit('update-downloaded', { version: '1.1.0' })
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
