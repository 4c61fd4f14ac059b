import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import AttemptsDetails from '$renderer/components/outbox/attempts-details.svelte'
import type { DeliveryAttempt } from '$shared/outbox/outbox-item'
import { cleanUp, mountComponent, textOf } from '../../support/screen-helpers'

afterEach(cleanUp)

const busy = (minute: number): DeliveryAttempt => ({
  at: Date.UTC(2026, 10, 2, 9, minute),
  outcome: 'retryable',
  status: 503,
  message: `busy at minute ${minute}`
})

describe('attempts details', () => {
  it('counts the attempts left out and says where they were', async () => {
    const container = mountComponent(AttemptsDetails, {
      attempts: [busy(0), busy(58), busy(59)],
      omitted: 57
    })
    expect(textOf(container.querySelector('summary')!)).toBe('60 attempts')
    await userEvent.click(container.querySelector('summary')!)
    const rows = [...container.querySelectorAll('tbody tr')].map((row) => textOf(row))
    expect(rows).toHaveLength(4)
    expect(rows[0]).toContain('busy at minute 0')
    expect(rows[1]).toBe('57 more attempts in between, not kept')
    expect(rows[2]).toContain('busy at minute 58')
    expect(rows[3]).toContain('busy at minute 59')
  })

  it('shows every attempt when none was left out', () => {
    const container = mountComponent(AttemptsDetails, { attempts: [busy(0)] })
    expect(textOf(container.querySelector('summary')!)).toBe('1 attempt')
    expect(container.querySelectorAll('tbody tr')).toHaveLength(1)
  })
})
