import { describe, expect, it } from 'vitest'
import { failure, success, unwrap } from '$shared/bridge/envelope'
import {
  CredentialsRejectedError,
  DeskError,
  ForbiddenSenderError,
  InvalidPayloadError,
  InvalidSettingError,
  LinkNotAllowedError,
  NotSignedInError,
  SenderBusyError,
  SiteUnreachableError,
  UnexpectedAnswerError
} from '$shared/errors'

/** What crossing a process boundary does to an envelope: only data survives. */
function across<T>(value: T): unknown {
  return structuredClone(value)
}

describe('envelope', () => {
  it('round-trips a result', () => {
    const result = { status: { configured: true }, list: [1, 2, 3] }
    expect(unwrap(across(success(result)))).toEqual(result)
  })

  it('round-trips an empty result, even when a JSON transport drops it', () => {
    expect(unwrap(across(success(undefined)))).toBeUndefined()
    expect(unwrap(JSON.parse(JSON.stringify(success(undefined))))).toBeUndefined()
  })

  const errorClasses = [
    DeskError,
    CredentialsRejectedError,
    NotSignedInError,
    SiteUnreachableError,
    UnexpectedAnswerError,
    InvalidPayloadError,
    ForbiddenSenderError,
    InvalidSettingError,
    SenderBusyError,
    LinkNotAllowedError
  ]

  it.each(errorClasses.map((ErrorClass) => [ErrorClass.name, ErrorClass] as const))(
    'rebuilds %s by name into the same class',
    (_name, ErrorClass) => {
      const original = new ErrorClass('The reason a clerk can act on', { Comment: ['Too long'] })
      const thrown = catchError(() => unwrap(across(failure(original))))
      expect(thrown).toBeInstanceOf(ErrorClass)
      expect(thrown.constructor).toBe(ErrorClass)
      expect(thrown.name).toBe(original.name)
      expect(thrown.message).toBe('The reason a clerk can act on')
      expect(thrown.fieldErrors).toEqual({ Comment: ['Too long'] })
    }
  )

  it('turns a foreign error into a DeskError that keeps only the message', () => {
    const envelope = failure(new TypeError('x is undefined'))
    expect(envelope).toEqual({ ok: false, error: { name: 'DeskError', message: 'x is undefined' } })
    const thrown = catchError(() => unwrap(across(envelope)))
    expect(thrown.constructor).toBe(DeskError)
  })

  it.each(['SomethingNew', 'constructor', '__proto__', 'toString'])(
    'rebuilds an unknown name (%s) as a plain DeskError',
    (name) => {
      const thrown = catchError(() => unwrap({ ok: false, error: { name, message: 'Odd' } }))
      expect(thrown.constructor).toBe(DeskError)
      expect(thrown.message).toBe('Odd')
    }
  )

  it.each([null, 'ok', { ok: 'yes' }, { ok: false }, { ok: false, error: { name: 1 } }])(
    'reads a malformed envelope (%j) as an unexpected answer',
    (raw) => {
      expect(catchError(() => unwrap(raw))).toBeInstanceOf(UnexpectedAnswerError)
    }
  )
})

function catchError(action: () => unknown): DeskError {
  try {
    action()
  } catch (error) {
    if (error instanceof DeskError) return error
    throw error
  }
  throw new Error('expected the action to throw')
}
