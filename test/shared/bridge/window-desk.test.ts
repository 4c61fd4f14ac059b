import { describe, expect, it } from 'vitest'
import { success } from '$shared/bridge/envelope'
import { DESK_TRANSPORT_GLOBAL, type DeskTransport } from '$shared/bridge/desk-transport'
import { deskFromWindow } from '$shared/bridge/window-desk'
import { DeskError } from '$shared/errors'

describe('deskFromWindow', () => {
  it('builds the DeskApi from the transport the preload exposed', async () => {
    const calls: string[] = []
    const transport: DeskTransport = {
      invoke: async (channel) => {
        calls.push(channel)
        return success({ online: true, paused: false, lastSuccessAt: null })
      },
      on: () => () => undefined
    }
    const desk = deskFromWindow({ [DESK_TRANSPORT_GLOBAL]: transport })
    expect(await desk.delivery.state()).toEqual({
      online: true,
      paused: false,
      lastSuccessAt: null
    })
    expect(calls).toEqual(['delivery:state'])
  })

  it('says the page is outside the app when there is no transport', () => {
    expect(() => deskFromWindow({})).toThrow(DeskError)
    expect(() => deskFromWindow({})).toThrow(/outside the app/)
  })
})
