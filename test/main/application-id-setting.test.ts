import { describe, expect, it } from 'vitest'
import {
  APPLICATION_ID_KEY,
  createApplicationIdSetting
} from '../../src/main/application-id-setting'
import { APPLICATION_ID_MESSAGE } from '../../src/shared/application-id'
import { InvalidSettingError } from '../../src/shared/errors'

const BUILT = 'a1b2c3d4-0000-4000-8000-00000000abcd'
const TYPED = '3F2504E0-4F89-11D3-9A0C-0305E82C3301'

function setup(fromBuild?: string, stored?: unknown) {
  const values = new Map<string, unknown>()
  if (stored !== undefined) values.set(APPLICATION_ID_KEY, stored)
  const warnings: string[] = []
  const setting = createApplicationIdSetting({
    store: {
      get: (key) => values.get(key),
      set: (key, value) => void values.set(key, value),
      delete: (key) => void values.delete(key)
    },
    fromBuild,
    warn: (message) => warnings.push(message)
  })
  return { setting, values, warnings }
}

describe('the ApplicationId setting', () => {
  it('uses the build’s id, and none when the build has none', () => {
    expect(setup(BUILT).setting.value()).toBe(BUILT)
    expect(setup(BUILT).setting.source()).toBe('build')
    expect(setup(undefined).setting.value()).toBeNull()
    expect(setup('  ').setting.source()).toBe('none')
  })

  it('prefers the clerk’s override, kept with the settings, until it is cleared', () => {
    const { setting, values } = setup(BUILT)
    setting.setOverride(`  {${TYPED}} `)
    expect(values.get(APPLICATION_ID_KEY)).toBe(TYPED)
    expect([setting.value(), setting.source()]).toEqual([TYPED, 'override'])
    setting.setOverride('')
    expect([setting.value(), setting.source()]).toEqual([BUILT, 'build'])
    setting.setOverride(TYPED)
    setting.setOverride(null)
    expect(values.has(APPLICATION_ID_KEY)).toBe(false)
  })

  it('refuses an override that is not a GUID, with a message saying what one looks like', () => {
    const { setting } = setup(BUILT)
    for (const text of ['my-app', `${TYPED}0`, TYPED.replaceAll('-', ''), 'g'.repeat(36)]) {
      expect(() => setting.setOverride(text)).toThrow(InvalidSettingError)
    }
    expect(() => setting.setOverride('nope')).toThrow(APPLICATION_ID_MESSAGE)
    expect(setting.source()).toBe('build')
  })

  it('drops a build value or a stored value that is not a GUID, without logging it', () => {
    const built = setup('not-a-guid-but-secret')
    expect(built.setting.source()).toBe('none')
    const stored = setup(BUILT, 'hand-edited-secret')
    expect(stored.setting.value()).toBe(BUILT)
    expect(stored.values.has(APPLICATION_ID_KEY)).toBe(false)
    const warnings = [...built.warnings, ...stored.warnings]
    expect(warnings).toHaveLength(2)
    for (const warning of warnings) expect(warning).not.toMatch(/secret/)
  })
})
