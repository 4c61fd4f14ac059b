import { afterEach, describe, expect, it } from 'vitest'
import { Clock } from '$renderer/state/clock.svelte'
import { csvFile, exportFileName, jsonFile } from '$renderer/export/export-file'
import { focusFirstField } from '$renderer/components/common/focus'
import { screenForKey } from '$renderer/components/common/keys'
import ShortcutsHelp from '$renderer/components/shell/shortcuts-help.svelte'
import { siteLabelOf } from '$renderer/components/shell/site-label'
import { cleanUp, mountComponent, onCleanUp, textOf } from '../../support/screen-helpers'

afterEach(cleanUp)

describe('export files', () => {
  it('are named by what they hold and when, on the clerk’s clock', () => {
    const at = new Date(2025, 2, 4, 9, 5).getTime()
    expect(exportFileName('outbox', 'csv', at)).toBe('outbox-2025-03-04-0905.csv')
    expect(jsonFile('outbox', '{}', at)).toEqual({
      name: 'outbox-2025-03-04-0905.json',
      type: 'application/json',
      text: '{}'
    })
  })

  it('mark CSV as UTF-8 for spreadsheets with a byte-order mark', () => {
    const file = csvFile('receipt-log', 'a,b\r\n', 0)
    expect(file.type).toBe('text/csv;charset=utf-8')
    expect(file.text).toBe('\uFEFFa,b\r\n')
  })
})

describe('screen shortcuts', () => {
  const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', init)

  it('are Alt with a digit from 1 to 5, and nothing else', () => {
    expect(screenForKey(key({ altKey: true, key: '1', code: 'Digit1' }))).toBe('connections')
    expect(screenForKey(key({ altKey: true, key: '¡', code: 'Digit1' }))).toBe('connections')
    expect(screenForKey(key({ altKey: true, key: '4', code: 'Digit4' }))).toBe('history')
    expect(screenForKey(key({ altKey: true, key: '5', code: 'Digit5' }))).toBe('people')
    expect(screenForKey(key({ altKey: true, key: '6', code: 'Digit6' }))).toBeNull()
    expect(screenForKey(key({ key: '2', code: 'Digit2' }))).toBeNull()
    expect(screenForKey(key({ altKey: true, ctrlKey: true, key: '2', code: 'Digit2' }))).toBeNull()
  })
})

describe('shortcuts bar', () => {
  it('says how to go from the search box into the list', () => {
    const bar = mountComponent(ShortcutsHelp, {})
    expect(textOf(bar)).toContain('From the search box: ↓ enters the list')
  })
})

describe('site labels', () => {
  it('name the site number and host of a site key', () => {
    expect(siteLabelOf('https://secure.accessacs.com/api_accessacs_mobile/v2#12345')).toBe(
      'site 12345 (secure.accessacs.com)'
    )
    expect(siteLabelOf('not a url#7')).toBe('site 7 (not a url)')
  })
})

describe('clock', () => {
  it('tells its listeners the time on each tick, until they leave', () => {
    let now = 1000
    const clock = new Clock(() => now, 60_000)
    const heard: number[] = []
    const leave = clock.onTick((at) => heard.push(at))
    now = 2000
    clock.tick()
    leave()
    now = 3000
    clock.tick()
    expect(heard).toEqual([2000])
    expect(clock.now).toBe(3000)
  })
})

describe('focusFirstField', () => {
  it('puts the keyboard in the first field, unless the form already has it', () => {
    const region = document.createElement('section')
    region.innerHTML =
      '<button type="button">Back</button><input type="hidden"><input disabled><select><option>a</option></select><textarea></textarea>'
    document.body.append(region)
    onCleanUp(() => region.remove())
    focusFirstField(region)
    expect(document.activeElement?.tagName).toBe('SELECT')

    region.querySelector('textarea')!.focus()
    focusFirstField(region)
    expect(document.activeElement?.tagName).toBe('TEXTAREA')
  })
})
