import { describe, expect, it, vi } from 'vitest'
import { createBridgeHandlers, type BridgeServices } from '../../src/main/bridge-handlers'
import type { SupportService } from '../../src/main/service-contracts'
import type { RendererError } from '../../src/shared/bridge/channels'

const sender = { id: 3 }

/** Only the support channels are called here: the other services are never reached. */
function handlersWith(support?: SupportService) {
  const unused = new Proxy(
    {},
    {
      get: (_target, name) => () => {
        throw new Error(`unexpected call to ${String(name)}`)
      }
    }
  )
  const services = {
    vault: unused,
    api: unused,
    applicationId: unused,
    delivery: unused,
    practiceSite: unused,
    externalLinks: unused,
    ...(support ? { support } : {})
  } as BridgeServices
  return createBridgeHandlers(services)
}

const counts = {
  queued: 1,
  sending: 0,
  sent: 4,
  waiting: 2,
  'needs-attention': 0,
  'unknown-outcome': 0,
  discarded: 0
}

describe('the support channels', () => {
  it('pass the update state, the restart and the diagnostics counts to the support service', async () => {
    const saved: unknown[] = []
    const handle = handlersWith({
      updateState: () => ({ status: 'ready', version: '1.2.0' }),
      restartForUpdate: async () => ({ kind: 'busy', message: 'Results are still being sent' }),
      saveDiagnostics: async (outbox) => {
        saved.push(outbox)
        return { saved: true, fileName: 'd.zip' }
      },
      reportRendererError: vi.fn()
    })
    expect(await handle('updates:state', undefined, sender)).toEqual({
      ok: true,
      result: { status: 'ready', version: '1.2.0' }
    })
    expect(await handle('updates:restart', undefined, sender)).toMatchObject({
      ok: true,
      result: { kind: 'busy' }
    })
    const outbox = { countsByState: counts, oldestUnsentAt: 1_700_000_000_000 }
    expect(await handle('diagnostics:save', { outbox }, sender)).toMatchObject({
      ok: true,
      result: { saved: true, fileName: 'd.zip' }
    })
    expect(saved).toEqual([outbox])
  })

  it('refuses diagnostics counts that are not counts, before the service runs', async () => {
    const saveDiagnostics = vi.fn()
    const handle = handlersWith({
      updateState: () => ({ status: 'off' }),
      restartForUpdate: vi.fn(),
      saveDiagnostics,
      reportRendererError: vi.fn()
    })
    const answer = await handle(
      'diagnostics:save',
      { outbox: { countsByState: { ...counts, queued: -1 }, oldestUnsentAt: null } },
      sender
    )
    expect(answer).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } })
    expect(saveDiagnostics).not.toHaveBeenCalled()
  })

  it('hands the page’s uncaught errors to the log, bounded in size', async () => {
    const reports: RendererError[] = []
    const handle = handlersWith({
      updateState: () => ({ status: 'off' }),
      restartForUpdate: vi.fn(),
      saveDiagnostics: vi.fn(),
      reportRendererError: (error) => void reports.push(error)
    })
    const error = { kind: 'error', name: 'TypeError', message: 'row is undefined' }
    expect(await handle('errors:report', error, sender)).toEqual({ ok: true, result: undefined })
    expect(reports).toEqual([error])
    const flood = await handle('errors:report', { ...error, message: 'x'.repeat(10_000) }, sender)
    expect(flood).toMatchObject({ ok: false, error: { name: 'InvalidPayloadError' } })
  })

  it('answers plainly where no support service is wired (the test harness)', async () => {
    const handle = handlersWith()
    expect(await handle('updates:state', undefined, sender)).toEqual({
      ok: true,
      result: { status: 'off' }
    })
    expect(
      await handle(
        'diagnostics:save',
        { outbox: { countsByState: counts, oldestUnsentAt: null } },
        sender
      )
    ).toMatchObject({
      ok: false,
      error: { name: 'DeskError', message: expect.stringMatching(/not available/) }
    })
  })
})
