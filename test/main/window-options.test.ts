import { describe, expect, it } from 'vitest'
import { appWindowOptions, QUIT_ANYWAY, quitConfirmation } from '../../src/main/window-options'

describe('appWindowOptions', () => {
  it('isolates and sandboxes the page, with the preload given', () => {
    const options = appWindowOptions('/app/out/preload/index.cjs')
    expect(options.webPreferences).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      webviewTag: false,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false
    })
    expect(options.show).toBe(false)
  })

  it('hands out a fresh object each time, so one window cannot change another', () => {
    const first = appWindowOptions('a')
    first.webPreferences.spellcheck = false
    expect(appWindowOptions('a').webPreferences.spellcheck).toBe(true)
  })
})

describe('quitConfirmation', () => {
  it.each([0, -1, Number.NaN, 1.5])('closes without asking when %s items are unsent', (count) => {
    expect(quitConfirmation(count)).toBeNull()
  })

  it('asks when something is unsent, defaulting to keeping the app open', () => {
    const one = quitConfirmation(1)
    expect(one?.message).toBe('1 result has not been sent to Access ACS yet.')
    const many = quitConfirmation(12)
    expect(many?.message).toBe('12 results have not been sent to Access ACS yet.')
    expect(many?.buttons[QUIT_ANYWAY]).toBe('Close anyway')
    expect(many?.defaultId).not.toBe(QUIT_ANYWAY)
    expect(many?.cancelId).not.toBe(QUIT_ANYWAY)
    expect(many?.detail).toMatch(/kept safely on this computer/)
  })
})

describe('DevTools', () => {
  it('are off in a built app, and on only in a development build', () => {
    expect(appWindowOptions('a').webPreferences.devTools).toBe(false)
    expect(appWindowOptions('a', { development: false }).webPreferences.devTools).toBe(false)
    expect(appWindowOptions('a', { development: true }).webPreferences.devTools).toBe(true)
  })
})
