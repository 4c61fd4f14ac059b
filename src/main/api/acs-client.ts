import type { SendItem } from '../../shared/bridge/channels'
import { validateChangeRequest } from '../../shared/change-request'
import { DeskError } from '../../shared/errors'
import type { DeliveryOutcome } from '../../shared/outbox/delivery-outcome'
import type { Credentials } from '../service-contracts'
import { ACS_PATHS } from './acs-adapter'
import { readChangeRequestId, readErrorAnswer, statusLine } from './acs-answers'
import { createAcsHttp, type AcsAnswer, type AcsHttp, type AcsHttpOptions } from './http'
import { retryAfterMs } from './retry-after'

/** Posts change requests (CONTRACT.md section 1) and says what each attempt came to. */
export interface AcsClient {
  /** Never throws for network or HTTP trouble: every answer and failure is classified. */
  postChangeRequest(credentials: Credentials, item: SendItem): Promise<DeliveryOutcome>
  close(): Promise<void>
}

export interface AcsClientOptions extends AcsHttpOptions {
  /** Shares the lookups' connections when given; the client then does not close it. */
  http?: AcsHttp
  /** For turning a `Retry-After` date into a delay. */
  now?: () => number
}

/** Statuses by which the site refuses this one item: a person must look at it. */
const REFUSING_STATUSES = new Set([400, 403, 404, 409, 413, 422])

/** The local check failed, so nothing went out: the status of an attempt never made. */
export const NOT_SENT_STATUS = 0

export function createAcsClient(options: AcsClientOptions = {}): AcsClient {
  const http = options.http ?? createAcsHttp(options)
  const now = options.now ?? Date.now

  async function postChangeRequest(
    credentials: Credentials,
    item: SendItem
  ): Promise<DeliveryOutcome> {
    const checked = validateChangeRequest(item.body)
    if (!checked.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(checked.errors).filter((entry): entry is [string, string[]] => !!entry[1])
      )
      return {
        kind: 'rejected',
        status: NOT_SENT_STATUS,
        message: `Not sent: ${checked.message} Fix the marked fields and save again.`,
        fieldErrors
      }
    }
    let result
    try {
      result = await http.send(credentials, {
        method: 'POST',
        path: ACS_PATHS.changeRequests,
        headers: { 'idempotency-key': item.idempotencyKey },
        body: JSON.stringify(checked.value),
        label: `item ${item.id}`
      })
    } catch (error) {
      // Only a setting (the base URL) or the network code failing to load can throw here;
      // the item is not at fault, so it waits.
      if (error instanceof DeskError) return { kind: 'retryable', message: error.message }
      throw error
    }
    if (result.kind === 'failed') {
      return result.phase === 'before-sending'
        ? {
            kind: 'retryable',
            message: `Access ACS could not be reached: ${result.message}. The result will be tried again.`
          }
        : {
            kind: 'no-answer',
            message: `No answer from Access ACS: ${result.message}. The result may have arrived; it will be sent again to make sure.`
          }
    }
    return classifyAnswer(result, now())
  }

  return {
    postChangeRequest,
    close: () => (options.http ? Promise.resolve() : http.close())
  }
}

export function classifyAnswer(answer: AcsAnswer, now: number): DeliveryOutcome {
  const { status } = answer
  if (status >= 200 && status < 300) return classifySuccess(answer)
  if (status === 401) {
    return {
      kind: 'unauthorized',
      message: 'Access ACS did not accept the username or password: sign in again to go on sending'
    }
  }
  const reading = readErrorAnswer(status, answer.body, answer.headers['content-type'])
  if (status === 429 || (status >= 500 && status < 600)) {
    const delay = retryAfterMs(answer.headers['retry-after'], now)
    return {
      kind: 'retryable',
      status,
      message: `Access ACS is busy or failing (${reading.message}); the result will be tried again.`,
      ...(delay === undefined ? {} : { retryAfterMs: delay })
    }
  }
  const refusal = REFUSING_STATUSES.has(status)
    ? `Access ACS refused this result (${reading.message})`
    : `Access ACS answered in a way this app does not expect (${reading.message})`
  return { kind: 'rejected', status, message: refusal, fieldErrors: reading.fieldErrors }
}

function classifySuccess(answer: AcsAnswer): DeliveryOutcome {
  const { status } = answer
  if (answer.cutOff) {
    // The site said yes but the id never arrived: the change request may exist.
    return {
      kind: 'no-answer',
      message: `The answer of Access ACS (${statusLine(status)}) was cut off before its change request number; the result may have arrived`
    }
  }
  const reading = answer.oversized
    ? ({ ok: false, reason: 'the answer was far too large' } as const)
    : readChangeRequestId(answer.body)
  if (!reading.ok) {
    return {
      kind: 'unexpected-answer',
      status,
      message: `Access ACS answered ${statusLine(status)} but ${reading.reason}, so the result is not counted as sent. Check ACS People Suite before retrying.`
    }
  }
  return {
    kind: 'accepted',
    connectionCRId: reading.id,
    status,
    idempotencyHonoured: answer.headers['idempotent-replayed'] !== undefined
  }
}
