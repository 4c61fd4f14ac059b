import type { IncomingMessage } from 'node:http'
import { validateChangeRequest } from '../shared/change-request'
import { canonicalJson } from './canonical-json'
import { referenceProblem } from './change-request-references'
import { jsonAnswer, messageAnswer, modelStateAnswer, type Answer } from './http-answer'
import { missingChangeRequestRight, type PracticeUser } from './practice-users'
import type { ChurchDirectory } from './church-directory'
import { MAX_BODY_BYTES, readBody } from './read-body'
import type { SiteContext } from './site-context'

const INVALID = 'The request is invalid.'

/**
 * `POST {base}/{site}/connections`, after authentication and the site check. The order
 * of the checks is part of the contract the tests and docs/practice-site.md rely on.
 */
export async function postChangeRequest(
  site: SiteContext,
  directory: ChurchDirectory,
  req: IncomingMessage,
  user: PracticeUser
): Promise<Answer> {
  const read = await readBody(req)
  if (read.tooLarge) {
    return {
      ...messageAnswer(413, `The change request is larger than ${MAX_BODY_BYTES / 1024} KiB.`),
      close: true
    }
  }

  let body: unknown
  try {
    body = JSON.parse(read.text)
  } catch (error) {
    const why = read.text.trim() === '' ? 'the body is empty' : (error as Error).message
    return modelStateAnswer(INVALID, {
      request: [`The body must be a JSON change request, but ${why}.`]
    })
  }

  const missingRight = missingChangeRequestRight(user)
  if (missingRight) return messageAnswer(403, missingRight)

  const key = idempotencyKey(req)
  const honour = key !== null && site.faults.honoursIdempotency
  const canonicalBody = honour ? canonicalJson(body) : ''
  if (honour) {
    const seen = site.log.checkKey(user.username, key, canonicalBody)
    if (seen.kind === 'repeat') return idAnswer(seen.connectionCRId, 'true')
    if (seen.kind === 'different-body') {
      return messageAnswer(
        422,
        `Idempotency-Key ${key} was already used for change request ${seen.connectionCRId} ` +
          'with a different body; send a new key for a new change request.'
      )
    }
  }

  const validation = validateChangeRequest(body)
  if (!validation.ok) return modelStateAnswer(validation.message, validation.errors)

  const problem = referenceProblem(directory, user, validation.value)
  if (problem) return problem

  const connectionCRId = site.log.record(
    {
      IdempotencyKey: key,
      ApplicationId: applicationId(req),
      SiteNumber: directory.site.siteNumber,
      User: user.username,
      ReceivedAt: new Date().toISOString(),
      Body: body
    },
    honour ? { canonicalBody } : undefined
  )
  site.changed()
  return idAnswer(connectionCRId, honour ? 'false' : undefined)
}

/** Any value or none is accepted (CONTRACT.md section 2), and recorded; none is "". */
function applicationId(req: IncomingMessage): string {
  const value = req.headers['applicationid']
  return (Array.isArray(value) ? value[0] : value)?.trim() ?? ''
}

function idempotencyKey(req: IncomingMessage): string | null {
  const value = req.headers['idempotency-key']
  const key = Array.isArray(value) ? value[0] : value
  return key === undefined || key.trim() === '' ? null : key.trim()
}

/** A bare JSON number, as the seed's "The Id returned is the ConnectionCRId" reads. */
function idAnswer(connectionCRId: number, replayed: 'true' | 'false' | undefined): Answer {
  return jsonAnswer(
    200,
    String(connectionCRId),
    replayed === undefined ? undefined : { 'Idempotent-Replayed': replayed }
  )
}
