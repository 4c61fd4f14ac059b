import type { IncomingMessage } from 'node:http'
import * as z from 'zod'
import { decidePending } from './approvals'
import { faultSettingsSchema } from './fault-settings'
import {
  jsonAnswer,
  messageAnswer,
  methodNotAllowedAnswer,
  modelStateAnswer,
  notFoundAnswer,
  type Answer
} from './http-answer'
import { readBody } from './read-body'
import type { SiteContext } from './site-context'

/** `127.0.0.0/8` and `::1`, also as IPv4-mapped IPv6. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain)
}

/** The loopback-only `/_sim/...` endpoints for tests and benchmarks. */
export async function controlAnswer(
  site: SiteContext,
  req: IncomingMessage,
  segments: readonly string[]
): Promise<Answer> {
  if (!isLoopback(req.socket.remoteAddress)) {
    return messageAnswer(403, 'The practice site control endpoints answer loopback callers only.')
  }
  const method = req.method ?? 'GET'
  const what = segments.length === 2 ? segments[1] : undefined
  switch (what) {
    case 'changerequests':
      if (method !== 'GET') return methodNotAllowedAnswer(method, ['GET'])
      return jsonAnswer(200, site.log.listJson())
    case 'faults':
      if (method === 'GET') return jsonAnswer(200, JSON.stringify(site.faults.settings))
      if (method === 'DELETE') {
        site.faults.clear()
        return jsonAnswer(200, JSON.stringify(site.faults.settings))
      }
      if (method === 'POST') return setFaults(site, req)
      return methodNotAllowedAnswer(method, ['GET', 'POST', 'DELETE'])
    case 'approve':
    case 'reject':
      if (method !== 'POST') return methodNotAllowedAnswer(method, ['POST'])
      return decide(site, req, what === 'approve' ? 'approved' : 'rejected')
    case 'reset':
      if (method !== 'POST') return methodNotAllowedAnswer(method, ['POST'])
      site.log.clear()
      site.faults.clear()
      for (const directory of site.directories.values()) directory.resetConnections()
      site.changed()
      return messageAnswer(200, 'The practice site is back to its seeded state.')
    default:
      return notFoundAnswer(req.url ?? '')
  }
}

const decisionRequestSchema = z.strictObject({
  ConnectionCRIds: z.array(z.int().positive(), {
    error: 'ConnectionCRIds must be a list of change-request ids'
  })
})

/** `POST /_sim/approve` or `/_sim/reject`: an empty body decides every pending request. */
async function decide(
  site: SiteContext,
  req: IncomingMessage,
  status: 'approved' | 'rejected'
): Promise<Answer> {
  const read = await readBody(req)
  if (read.tooLarge) return { ...messageAnswer(413, 'The list is too large.'), close: true }
  let ids: number[] | undefined
  if (read.text.trim() !== '') {
    let json: unknown
    try {
      json = JSON.parse(read.text)
    } catch (error) {
      return modelStateAnswer('The list of change requests is invalid.', {
        request: [`The body must be JSON: ${(error as Error).message}`]
      })
    }
    const parsed = decisionRequestSchema.safeParse(json)
    if (!parsed.success) {
      return modelStateAnswer('The list of change requests is invalid.', {
        ConnectionCRIds: parsed.error.issues.map((issue) => issue.message)
      })
    }
    ids = parsed.data.ConnectionCRIds
  }
  const result = decidePending(site, status, ids)
  return jsonAnswer(
    200,
    JSON.stringify({
      [status === 'approved' ? 'Approved' : 'Rejected']: result.decided,
      NotPending: result.notPending
    })
  )
}

async function setFaults(site: SiteContext, req: IncomingMessage): Promise<Answer> {
  const read = await readBody(req)
  if (read.tooLarge)
    return { ...messageAnswer(413, 'The fault settings are too large.'), close: true }
  let json: unknown
  try {
    json = JSON.parse(read.text)
  } catch (error) {
    return modelStateAnswer('The fault settings are invalid.', {
      request: [`The body must be JSON: ${(error as Error).message}`]
    })
  }
  const parsed = faultSettingsSchema.safeParse(json)
  if (!parsed.success) {
    const modelState: Record<string, string[]> = {}
    for (const issue of parsed.error.issues) {
      // An unknown key is named by its own path, so a typo points at itself.
      const paths =
        issue.code === 'unrecognized_keys'
          ? issue.keys.map((key) => [...issue.path, key])
          : [issue.path]
      for (const path of paths) {
        const name = path.map(String).join('.') || 'request'
        const message =
          issue.code === 'unrecognized_keys' ? 'is not a fault setting' : issue.message
        ;(modelState[name] ??= []).push(message)
      }
    }
    return modelStateAnswer('The fault settings are invalid.', modelState)
  }
  site.faults.set(parsed.data)
  return jsonAnswer(200, JSON.stringify(parsed.data))
}
