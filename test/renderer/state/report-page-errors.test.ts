import { afterEach, describe, expect, it } from 'vitest'
import { reportPageErrors } from '$renderer/state/report-page-errors'
import { rendererErrorSchema } from '$shared/bridge/channels'
import { FakeDesk } from '../support/fake-desk'

const undo: Array<() => void> = []
afterEach(() => {
  for (const stop of undo.splice(0)) stop()
})

describe('reportPageErrors', () => {
  it('sends an uncaught error, with its stack and place, to the main process', () => {
    const desk = new FakeDesk()
    undo.push(reportPageErrors(window, desk))
    const error = new TypeError('row is undefined')
    window.dispatchEvent(
      new ErrorEvent('error', {
        error,
        message: error.message,
        filename: 'app://desk/x.js',
        lineno: 3,
        colno: 9
      })
    )
    expect(desk.errorReports).toHaveLength(1)
    const [report] = desk.errorReports
    expect(report).toMatchObject({
      kind: 'error',
      name: 'TypeError',
      message: 'row is undefined',
      source: 'app://desk/x.js:3:9'
    })
    expect(report?.stack).toContain('row is undefined')
  })

  it('sends an unhandled rejection, cut to what the bridge accepts', () => {
    const desk = new FakeDesk()
    undo.push(reportPageErrors(window, desk))
    const reason = new Error('x'.repeat(5_000))
    const event = new PromiseRejectionEvent('unhandledrejection', {
      promise: Promise.resolve(),
      reason
    })
    window.dispatchEvent(event)
    const [report] = desk.errorReports
    expect(report?.kind).toBe('unhandled-rejection')
    expect(rendererErrorSchema.safeParse(report).success).toBe(true)
  })

  it('stops when undone', () => {
    const desk = new FakeDesk()
    reportPageErrors(window, desk)()
    window.dispatchEvent(new ErrorEvent('error', { message: 'late' }))
    expect(desk.errorReports).toHaveLength(0)
  })
})
