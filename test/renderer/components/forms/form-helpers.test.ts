import { describe, expect, it } from 'vitest'
import {
  controlErrorsOf,
  NEW_CONNECTION_FIELD_CONTROLS,
  RESULT_FIELD_CONTROLS
} from '$renderer/components/forms/entry/control-errors'
import { normalizeDateInput } from '$renderer/components/forms/fields/date-input'
import { formShortcutOf } from '$renderer/components/common/keys'
import {
  CHOOSE_OPERATION,
  ResultFormState
} from '$renderer/components/forms/result/result-form-state.svelte'
import type { ConnectionRow } from '$renderer/state/connections-list-state.svelte'
import { openConnection } from '$test/shared/support/lookup-builders'

describe('normalizeDateInput', () => {
  it('pads month and day as written on cards, and leaves anything unclear as typed', () => {
    expect(normalizeDateInput(' 3/9/2025 ')).toBe('03/09/2025')
    expect(normalizeDateInput('03-09-2025')).toBe('03/09/2025')
    expect(normalizeDateInput('12.25.2024')).toBe('12/25/2024')
    expect(normalizeDateInput('2025-03-09')).toBe('2025-03-09')
    expect(normalizeDateInput('3/9/25')).toBe('3/9/25')
    expect(normalizeDateInput('')).toBe('')
  })
})

describe('formShortcutOf', () => {
  const input = document.createElement('input')
  const textarea = document.createElement('textarea')
  const key = (init: KeyboardEventInit, target: HTMLElement) => {
    const event = new KeyboardEvent('keydown', init)
    Object.defineProperty(event, 'target', { value: target })
    return formShortcutOf(event)
  }

  it('saves on Ctrl+Enter, saves and moves on with Shift, cancels on Escape', () => {
    expect(key({ key: 'Enter', ctrlKey: true }, textarea)).toBe('save')
    expect(key({ key: 'Enter', ctrlKey: true, shiftKey: true }, input)).toBe('save-and-next')
    expect(key({ key: 'Escape' }, input)).toBe('cancel')
  })

  it('ignores a plain Enter in a one-line field, and leaves the comment box its new lines', () => {
    expect(key({ key: 'Enter' }, input)).toBe('ignore-enter')
    expect(key({ key: 'Enter' }, textarea)).toBeNull()
    expect(key({ key: 'a', ctrlKey: true }, input)).toBeNull()
  })
})

describe('controlErrorsOf', () => {
  it('puts field errors beside their controls and the rest in the summary, without repeats', () => {
    const errors = controlErrorsOf(
      {
        ConnectionDate: ['bad date'],
        NewCallerIndvId: ['needs someone'],
        NewTeamId: ['needs someone'],
        ConnectionTypeId: ['bad type'],
        request: ['whole request']
      },
      RESULT_FIELD_CONTROLS
    )
    expect(errors).toEqual({
      date: ['bad date'],
      assignee: ['needs someone'],
      form: ['bad type', 'whole request']
    })
    expect(
      controlErrorsOf({ ConnectionTypeId: ['bad type'] }, NEW_CONNECTION_FIELD_CONTROLS)
    ).toEqual({ type: ['bad type'] })
  })
})

describe('ResultFormState', () => {
  const row: ConnectionRow = {
    connection: openConnection(101),
    contactName: 'Ann Lee',
    typeName: 'First-time guest',
    colour: '',
    assigneeName: 'Bob Stone, Zoë Adams',
    dueDate: '',
    overdue: false,
    lastComment: '',
    unsentCount: 0
  }
  const directory = { personById: () => undefined, teamById: () => undefined }

  it('reports a missing outcome together with every other problem', () => {
    const form = new ResultFormState({ row, directory, today: '03/14/2025' })
    form.fields.date = '14/03/2025'
    const checked = form.check()
    expect(checked.ok).toBe(false)
    if (checked.ok) return
    expect(checked.errors.operation).toEqual([CHOOSE_OPERATION])
    expect(checked.errors.date?.[0]).toMatch(/real date/)
  })

  it('knows whether the clerk changed anything', () => {
    const form = new ResultFormState({ row, directory, today: '03/14/2025' })
    expect(form.dirty).toBe(false)
    form.fields.setResponse(12, true)
    expect(form.dirty).toBe(true)
    form.fields.setResponse(12, false)
    expect(form.dirty).toBe(false)
    form.operation = 'complete'
    expect(form.dirty).toBe(true)
  })
})
